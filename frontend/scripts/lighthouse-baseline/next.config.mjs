// The Lighthouse baseline app: built in a scratch directory by scripts/lighthouse.mjs.
export default { poweredByHeader: false };
