// The Lighthouse baseline (scripts/lighthouse.mjs): one page of the same Next.js and React as the
// site, with no client code, scored in the same run as the site's pages, so each run shows what the
// framework alone scores on this host at that moment.
export const metadata = { title: "Baseline", description: "One heading and one paragraph: what Next.js and React cost on their own." };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
