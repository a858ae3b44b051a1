"use client";
import { startTransition, useCallback, useEffect, useState } from "react";
import { CHANGE_EVENT, clearStarred, readStarred, STORAGE_KEY, toggleStarred, type StarredSession } from "@/lib/starred";

/** The starred sessions, kept in sync across components and tabs. */
export function useStarred() {
  const [starred, setStarred] = useState<StarredSession[]>([]);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const sync = () => setStarred(readStarred(window.localStorage));
    // On arrival the stars are read without hurry: a transition, rendered in slices that leave the
    // page free to answer the visitor while it starts.
    startTransition(() => {
      sync();
      setReady(true);
    });
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY) sync();
    };
    window.addEventListener(CHANGE_EVENT, sync);
    window.addEventListener("storage", onStorage);
    return () => {
      window.removeEventListener(CHANGE_EVENT, sync);
      window.removeEventListener("storage", onStorage);
    };
  }, []);
  const toggle = useCallback((session: StarredSession) => {
    setStarred(toggleStarred(window.localStorage, session));
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  const clear = useCallback(() => {
    setStarred(clearStarred(window.localStorage));
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return { starred, toggle, clear, ready };
}
