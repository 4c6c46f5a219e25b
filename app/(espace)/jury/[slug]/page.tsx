import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { JurorPage } from "@/lib/jury/ui/jury-pages";

export const metadata: Metadata = { title: "Jury — journée d’auditions" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/jury/${slug}`);
  return <JurorPage actor={actor} slug={slug} />;
}
