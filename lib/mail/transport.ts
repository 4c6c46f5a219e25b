import nodemailer from "nodemailer";

export type MailTransport = { send(mail: { to: string; subject: string; text: string; html?: string | null }): Promise<void> };

/**
 * SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit TLS) and
 * MAIL_FROM configure delivery. Without SMTP_URL nothing is sent: e-mails
 * stay in the outbox (and the demo mailbox shows them).
 */
export function transportFromEnv(env: Record<string, string | undefined> = process.env): MailTransport | null {
  if (!env.SMTP_URL) return null;
  const transporter = nodemailer.createTransport(env.SMTP_URL, {
    from: env.MAIL_FROM ?? "Lauréat <ne-pas-repondre@laureat.beta.gouv.fr>",
  });
  return {
    async send(mail) {
      await transporter.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
    },
  };
}

/** Demo mode without SMTP: e-mails (and their sign-in links) are printed on the server's console. */
export const consoleTransport: MailTransport = {
  async send(mail) {
    console.info(`[courriel de démo] À : ${mail.to}\n  Objet : ${mail.subject}\n${mail.text.replace(/^/gm, "  | ")}`);
  },
};
