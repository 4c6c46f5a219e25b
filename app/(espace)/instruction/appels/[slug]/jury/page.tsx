import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getJuryAdmin } from "@/lib/jury/jury.queries";
import { StaffJury } from "@/lib/jury/ui/staff-jury";

export const metadata: Metadata = { title: "Jury de l’appel" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export default async function StaffJuryRoute({ params }: Props) {
  const { slug } = await params;
  const actor = await requireActor(`/instruction/appels/${encodeURIComponent(slug)}/jury`);
  const admin = await getJuryAdmin(actor, slug);
  // Not staff of this call, or no such call: the same 404, nothing revealed.
  if (!admin) notFound();
  return <StaffJury admin={admin} />;
}
