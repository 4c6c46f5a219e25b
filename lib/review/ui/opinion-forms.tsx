"use client";
/**
 * Outside opinions: staff ask an expert; the expert answers. Native forms
 * posting to server actions (they work without JavaScript).
 */
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { giveOpinionAction, requestOpinionAction } from "../opinion.actions";
import { Failure, Success, useNativeForm } from "./review-forms";

export function RequestOpinionForm({ dossierId, minDate }: { dossierId: string; minDate: string }) {
  const f = useNativeForm(requestOpinionAction);
  return (
    <form {...f.formProps} aria-label="Demander un avis extérieur">
      <Failure error={f.error} />
      <Success state={f.state} message="Avis demandé : l’expert est prévenu par e-mail." />
      <input type="hidden" name="dossierId" value={dossierId} />
      <Input
        label="Nom de l’expert"
        state={f.fieldState("name")}
        stateRelatedMessage={f.fieldError("name")}
        nativeInputProps={{ name: "name", autoComplete: "off", maxLength: 200, required: true, defaultValue: f.value("name") }}
      />
      <Input
        label="Adresse électronique de l’expert"
        hintText="Format attendu : nom@domaine.fr. L’expert n’a besoin d’aucun mot de passe : il se connecte par un lien reçu à cette adresse."
        state={f.fieldState("email")}
        stateRelatedMessage={f.fieldError("email")}
        nativeInputProps={{ name: "email", type: "email", autoComplete: "off", maxLength: 254, required: true, defaultValue: f.value("email") }}
      />
      <Input
        label="Ce que vous demandez à l’expert"
        hintText="Par exemple : « Le traitement de données personnelles décrit est-il conforme au RGPD ? »"
        textArea
        state={f.fieldState("message")}
        stateRelatedMessage={f.fieldError("message")}
        nativeTextAreaProps={{ name: "message", maxLength: 2000, rows: 3, required: true, defaultValue: f.value("message") }}
      />
      <Input
        label="Question fermée (facultatif)"
        hintText="Une question à laquelle l’expert répond par oui ou par non, en plus de son avis."
        state={f.fieldState("question")}
        stateRelatedMessage={f.fieldError("question")}
        nativeInputProps={{ name: "question", maxLength: 300, defaultValue: f.value("question") }}
      />
      <Input
        label="Avis attendu avant le"
        hintText="Jusqu’à 23 h 59, heure de Paris. Un rappel part deux jours avant."
        state={f.fieldState("dueDate")}
        stateRelatedMessage={f.fieldError("dueDate")}
        nativeInputProps={{ name: "dueDate", type: "date", min: minDate, required: true, defaultValue: f.value("dueDate") }}
      />
      <Checkbox
        small
        options={[
          {
            label: "Avis confidentiel",
            hintText: "Les autres experts consultés sur ce dossier ne le liront pas.",
            nativeInputProps: { name: "confidential", defaultChecked: f.checked("confidential") },
          },
        ]}
      />
      <Button type="submit" disabled={f.pending}>
        Demander l’avis
      </Button>
    </form>
  );
}

export function GiveOpinionForm({ opinionId, question }: { opinionId: string; question: string | null }) {
  const f = useNativeForm(giveOpinionAction, { resetOnSuccess: false });
  return (
    <form {...f.formProps} aria-label="Donner mon avis">
      <Failure error={f.error} />
      <Success state={f.state} message="Votre avis est transmis à l’équipe du programme. Merci." />
      <input type="hidden" name="opinionId" value={opinionId} />
      {question ? (
        <RadioButtons
          legend={question}
          hintText="Répondez par oui ou par non."
          name="answer"
          orientation="horizontal"
          state={f.fieldState("answer")}
          stateRelatedMessage={f.fieldError("answer")}
          options={[
            { label: "Oui", nativeInputProps: { value: "oui", defaultChecked: f.checked("answer", "oui") } },
            { label: "Non", nativeInputProps: { value: "non", defaultChecked: f.checked("answer", "non") } },
          ]}
        />
      ) : null}
      <Input
        label="Votre avis"
        hintText="10 caractères au minimum. Une fois transmis, l’avis ne peut plus être modifié."
        textArea
        state={f.fieldState("opinion")}
        stateRelatedMessage={f.fieldError("opinion")}
        nativeTextAreaProps={{ name: "opinion", maxLength: 8000, rows: 8, required: true, defaultValue: f.value("opinion") }}
      />
      <Button type="submit" disabled={f.pending || !!f.state?.ok}>
        Transmettre mon avis
      </Button>
    </form>
  );
}
