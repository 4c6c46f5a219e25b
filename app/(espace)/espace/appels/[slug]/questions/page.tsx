import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getCallConsole } from "@/lib/calls/manage.queries";
import { QuestionsEditor } from "@/lib/calls/ui/questions-editor";
import { callParams } from "@/lib/publication/params";

export const metadata: Metadata = { title: "Questions du formulaire", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function CallQuestionsRoute(props: { params: Promise<{ slug: string }> }) {
  const parsed = callParams.safeParse(await props.params);
  if (!parsed.success) notFound();
  const actor = await requireActor(`/espace/appels/${parsed.data.slug}/questions`);
  const call = await getCallConsole(actor, parsed.data.slug);
  if (!call) notFound();
  return <QuestionsEditor callId={call.id} title={call.title} questions={call.questions} formLocked={call.formLocked} />;
}
