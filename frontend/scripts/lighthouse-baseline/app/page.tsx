export default function Page() {
  return (
    <main>
      <h1>National Cluster Conference</h1>
      <p>A page with no client code: what Next.js and React cost on their own.</p>
    </main>
  );
}
