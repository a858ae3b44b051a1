import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>404</h1>
      <p>
        Страницата не е намерена. / Page not found. <Link href="/bg">Начало</Link> · <Link href="/en">Home</Link>
      </p>
    </>
  );
}
