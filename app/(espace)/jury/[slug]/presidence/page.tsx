import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { ChairPage } from "@/lib/jury/ui/jury-pages";

export const metadata: Metadata = { title: "Jury — présidence et délibération" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/jury/${slug}/presidence`);
  return <ChairPage actor={actor} slug={slug} />;
}
