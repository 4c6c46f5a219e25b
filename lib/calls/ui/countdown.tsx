"use client";
import { useEffect, useState } from "react";

/** « 3 jours, 4 heures et 12 minutes » */
export function remainingText(ms: number): string {
  if (ms <= 0) return "La date limite est passée.";
  const totalMinutes = Math.floor(ms / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const seconds = Math.floor((ms % 60_000) / 1000);
  const plural = (n: number, w: string) => `${n} ${w}${n > 1 ? "s" : ""}`;
  const parts = days > 0 ? [plural(days, "jour"), plural(hours, "heure"), plural(minutes, "minute")] : hours > 0 ? [plural(hours, "heure"), plural(minutes, "minute")] : [plural(minutes, "minute"), plural(seconds, "seconde")];
  const last = parts.pop()!;
  return `Il reste ${parts.length > 0 ? `${parts.join(", ")} et ${last}` : last}.`;
}

/**
 * Live countdown to the deadline. The server's figure is shown first; the
 * browser then counts down each second. Screen readers are not interrupted
 * (no live region): the deadline itself is written next to it.
 */
export function Countdown({ deadline, serverNow }: { deadline: string; serverNow: string }) {
  const end = new Date(deadline).getTime();
  // The browser's clock may be wrong: count from the server's time.
  const [skew] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  useEffect(() => {
    const tick = () => setNow(Date.now() + skew);
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [skew]);
  return (
    <p className="fr-text--lead" role="timer" aria-live="off" suppressHydrationWarning>
      {remainingText(end - now)}
    </p>
  );
}
