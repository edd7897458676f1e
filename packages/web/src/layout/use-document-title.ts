import { useEffect } from "react";

/** Names the browser tab after the screen, e.g. "Loan calculator · Moldir". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Moldir`;
  }, [title]);
}
