// core.widgets.ChoiceList: keeps the "Chosen" count current and filters the entries by the
// text typed into the search box (case- and accent-insensitive).
(() => {
  const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

  document.addEventListener('change', (event) => {
    const list = event.target.closest('[data-choice-list]');
    if (!list || event.target.type !== 'checkbox') return;
    const count = list.querySelector('[data-choice-list-count]');
    if (count) count.textContent = String(list.querySelectorAll('input[type="checkbox"]:checked').length);
  });

  document.addEventListener('input', (event) => {
    if (!event.target.matches('[data-choice-list-filter]')) return;
    const list = event.target.closest('[data-choice-list]');
    const query = fold(event.target.value.trim());
    list.querySelectorAll('[data-choice-list-option]').forEach((option) => {
      option.hidden = query !== '' && !fold(option.textContent).includes(query);
    });
  });
})();
