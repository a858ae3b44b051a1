"use client";
import { useStarred } from "./useStarred";
import type { StarredSession } from "@/lib/starred";

export function StarButton({ session, labels }: { session: StarredSession; labels: { star: string; unstar: string } }) {
  const { starred, toggle, ready } = useStarred();
  const on = starred.some((s) => s.guid === session.guid);
  return (
    <button
      type="button"
      className="star"
      aria-pressed={on}
      disabled={!ready}
      aria-label={`${on ? labels.unstar : labels.star}: ${session.title}`}
      title={on ? labels.unstar : labels.star}
      data-testid="star"
      onClick={() => toggle(session)}
    >
      <span aria-hidden="true">{on ? "★" : "☆"}</span>
    </button>
  );
}
