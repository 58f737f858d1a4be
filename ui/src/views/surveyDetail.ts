// One survey in full: the call's facts, the caller's answers and comment, the review (status,
// tags from the managed list), the follow-up that closes the loop (owner and due date), the
// notes, and the agent's earlier scores with their mean. Never the caller's number: a survey
// does not carry it.

import { h, setAttr, setHidden, setOptions, setText } from "../dom";
import { DASH, fmtDateIn, fmtDateTimeIn, fmtDuration } from "../format";
import { getLocale, siteName, t, type MessageKey } from "../i18n";
import type { ReviewStatusDto, SurveyActionDto, SurveyDetailDto, SurveyPersonDto, SurveyRowDto, SurveyTagDto } from "../ipc";
import {
  NEED_ICONS,
  STATUSES,
  STATUS_ICONS,
  dueAt,
  fmtMean,
  groupText,
  isOverdue,
  meanCsat,
  needReasons,
  statusText,
  tagLabel,
} from "../surveys";

export interface SurveyContext {
  tags: readonly SurveyTagDto[];
  people: readonly SurveyPersonDto[];
  timeZone: string | null;
  nowMs: number;
}

export interface SurveyDetailActions {
  /** Applies a review action to this survey; resolves once done (the view reloads). */
  review(id: number, action: SurveyActionDto): Promise<void>;
  note(id: number, body: string): Promise<void>;
  close(): void;
}

export interface SurveyDetail {
  root: HTMLElement;
  show(detail: SurveyDetailDto | null): void;
  render(context: SurveyContext): void;
  shownId(): number | null;
}

/** Someone's display name, from the follow-up owners the team has. */
export function personName(name: string, people: readonly SurveyPersonDto[]): string {
  return people.find((p) => p.name === name)?.displayName ?? name;
}

/** "▼ Detractor" badges: a shape and a word for each reason, never colour alone. */
export function needBadges(row: SurveyRowDto): HTMLElement[] {
  return needReasons(row).map((reason) =>
    h(
      "span",
      "survey-need",
      { "data-need": reason, title: t(`surveys.needTitle.${reason}`) },
      h("span", "survey-need-icon", { "aria-hidden": "true" }, NEED_ICONS[reason]),
      ` ${t(`surveys.need.${reason}`)}`,
    ),
  );
}

export function npsText(row: SurveyRowDto): string {
  if (row.nps === null) return DASH;
  return row.npsGroup ? `${row.nps} · ${groupText(row.npsGroup)}` : String(row.nps);
}

/** "✓ Resolved" (or, `short`, "✓ yes" for the tables). */
export function fcrText(fcr: boolean | null, short = false): string {
  if (fcr === null) return DASH;
  if (short) return fcr ? `✓ ${t("surveys.detail.yes")}` : `✗ ${t("surveys.detail.no")}`;
  return fcr ? `✓ ${t("surveys.fcr.yes")}` : `✗ ${t("surveys.fcr.no")}`;
}

export function statusBadge(status: ReviewStatusDto): HTMLElement {
  return h("span", "survey-status", { "data-status": status }, `${STATUS_ICONS[status]} ${statusText(status)}`);
}

function yesNo(value: boolean): string {
  return value ? t("surveys.detail.yes") : t("surveys.detail.no");
}

export function createSurveyDetail(actions: SurveyDetailActions): SurveyDetail {
  let detail: SurveyDetailDto | null = null;
  let context: SurveyContext = { tags: [], people: [], timeZone: null, nowMs: Date.now() };
  let drawnKey = "";

  const none = h("p", "muted", { "data-testid": "survey-detail-none" });
  const title = h("h3", "survey-detail-title", { "data-testid": "survey-detail-title" });
  const badges = h("span", "survey-badges");
  const close = h("button", "button ghost", { type: "button", "data-testid": "survey-detail-close" });
  close.addEventListener("click", () => actions.close());

  const heading = (key: MessageKey) => {
    const el = h("h4", "survey-detail-heading");
    texts.push([el, key]);
    return el;
  };
  const texts: [HTMLElement, MessageKey][] = [];

  // The call and the answers, drawn from the survey.
  const facts = h("dl", "survey-facts", { "data-testid": "survey-facts" });
  const answers = h("dl", "survey-facts", { "data-testid": "survey-answers" });
  const comment = h("blockquote", "survey-comment", { "data-testid": "survey-comment" });

  // The review: status and tags.
  const statusLabel = h("span", "field-label");
  const status = h("select", "", { "data-testid": "survey-status" });
  const tagList = h("ul", "survey-tag-list", { "data-testid": "survey-tags" });
  const noTags = h("li", "muted");
  const tagPick = h("select", "", { "data-testid": "survey-tag-pick" });
  const tagAdd = h("button", "button", { type: "button", "data-testid": "survey-tag-add" });

  // The follow-up.
  const followCurrent = h("p", "", { "data-testid": "survey-follow-up-current" });
  const ownerLabel = h("span", "field-label");
  const owner = h("select", "", { "data-testid": "survey-owner" });
  const dueLabel = h("span", "field-label");
  const due = h("input", "", { type: "date", "data-testid": "survey-due" });
  const followSave = h("button", "button", { type: "button", "data-testid": "survey-follow-up-save" });
  const followClear = h("button", "button subtle", { type: "button", "data-testid": "survey-follow-up-clear" });

  // Notes.
  const notes = h("ul", "survey-notes", { "data-testid": "survey-notes" });
  const noteBody = h("textarea", "input", { rows: "3", maxlength: "8000", "data-testid": "survey-note-body" });
  const noteAdd = h("button", "button", { type: "button", "data-testid": "survey-note-add" });

  // The agent's earlier surveys.
  const recentTitle = h("h4", "survey-detail-heading", { "data-testid": "survey-recent-title" });
  const recentMean = h("p", "survey-mean", { "data-testid": "survey-recent-mean" });
  const recentBody = h("tbody");
  const recentHead = h("tr");
  const recent = h("table", "grid survey-recent", { "data-testid": "survey-recent" }, h("thead", "", {}, recentHead), recentBody);

  const body = h(
    "div",
    "survey-detail-body",
    {},
    h("div", "survey-detail-head", {}, title, badges, h("span", "spacer"), close),
    heading("surveys.detail.call"),
    facts,
    heading("surveys.detail.answers"),
    answers,
    comment,
    heading("surveys.detail.review"),
    h("label", "field", {}, statusLabel, status),
    tagList,
    h("div", "survey-inline", {}, tagPick, tagAdd),
    heading("surveys.detail.followUp"),
    followCurrent,
    h("div", "survey-inline", {}, h("label", "field", {}, ownerLabel, owner), h("label", "field", {}, dueLabel, due), followSave, followClear),
    heading("surveys.detail.notes"),
    notes,
    noteBody,
    h("div", "survey-inline", {}, noteAdd),
    recentTitle,
    recentMean,
    recent,
  );
  const root = h("aside", "survey-detail", { "data-testid": "survey-detail" }, none, body);

  const id = () => detail?.survey.id ?? null;
  function busy(button: HTMLButtonElement, run: Promise<void>): void {
    button.disabled = true;
    run.finally(() => {
      button.disabled = false;
    });
  }

  status.addEventListener("change", () => {
    const current = id();
    if (current === null) return;
    void actions.review(current, { kind: "setStatus", status: status.value as ReviewStatusDto });
  });
  tagAdd.addEventListener("click", () => {
    const current = id();
    if (current === null || tagPick.value === "") return;
    busy(tagAdd, actions.review(current, { kind: "addTag", tag: tagPick.value }));
  });
  followSave.addEventListener("click", () => {
    const current = id();
    if (current === null || owner.value === "") return;
    busy(followSave, actions.review(current, { kind: "followUp", owner: owner.value, dueMs: dueAt(due.value, context.timeZone) }));
  });
  followClear.addEventListener("click", () => {
    const current = id();
    if (current === null) return;
    busy(followClear, actions.review(current, { kind: "followUp", owner: null, dueMs: null }));
  });
  noteAdd.addEventListener("click", () => {
    const current = id();
    if (current === null) return;
    busy(
      noteAdd,
      actions.note(current, noteBody.value).then(() => {
        noteBody.value = "";
      }),
    );
  });

  function fact(dl: HTMLElement, key: MessageKey, value: string | Node, name: string): void {
    dl.append(h("dt", "", {}, t(key)), h("dd", "", { "data-fact": name }, value));
  }

  /** Everything drawn from the survey: redrawn when it, the language or the lists change. */
  function draw(d: SurveyDetailDto): void {
    const s = d.survey;
    const zone = context.timeZone;
    setText(title, t("surveys.detail.title", { id: s.id, time: fmtDateTimeIn(s.answeredAtMs, zone) }));
    badges.replaceChildren(...needBadges(s));
    facts.replaceChildren();
    fact(facts, "surveys.col.queue", s.queue || DASH, "queue");
    fact(facts, "surveys.col.site", s.site ? siteName(s.site) : DASH, "site");
    fact(facts, "surveys.col.agent", s.agent || DASH, "agent");
    fact(facts, "surveys.detail.wait", s.waitSecs === null ? DASH : fmtDuration(s.waitSecs * 1000), "wait");
    fact(facts, "surveys.detail.talk", s.talkSecs === null ? DASH : fmtDuration(s.talkSecs * 1000), "talk");
    fact(facts, "surveys.detail.escalated", yesNo(s.escalated), "escalated");
    fact(facts, "surveys.detail.callback", yesNo(s.callback), "callback");
    fact(facts, "surveys.detail.callRef", h("span", "mono", {}, s.callRef), "callRef");
    answers.replaceChildren();
    fact(answers, "surveys.col.csat", t("surveys.detail.csatOf", { n: s.csat }), "csat");
    fact(answers, "surveys.col.nps", npsText(s), "nps");
    fact(answers, "surveys.col.fcr", fcrText(s.fcr), "fcr");
    setText(comment, s.comment?.trim() ? s.comment : t("surveys.detail.noComment"));
    setAttr(comment, "data-empty", s.comment?.trim() ? null : "true");

    setOptions(
      status,
      STATUSES.map((v) => [v, `${STATUS_ICONS[v]} ${statusText(v)}`] as const),
    );
    status.value = s.status;

    tagList.replaceChildren(
      ...s.tags.map((name) => {
        const label = tagLabel(name, context.tags);
        const remove = h("button", "survey-chip-x", {
          type: "button",
          "data-testid": `survey-tag-remove-${name}`,
          title: t("surveys.detail.removeTag", { tag: label }),
          "aria-label": t("surveys.detail.removeTag", { tag: label }),
        });
        remove.textContent = "×";
        remove.addEventListener("click", () => busy(remove, actions.review(s.id, { kind: "removeTag", tag: name })));
        return h("li", "survey-tag", { "data-tag": name }, label, remove);
      }),
    );
    if (s.tags.length === 0) {
      setText(noTags, t("surveys.detail.noTags"));
      tagList.append(noTags);
    }
    const addable = context.tags.filter((tag) => !tag.retired && !s.tags.includes(tag.name));
    setOptions(tagPick, [["", t("surveys.choose")], ...addable.map((tag) => [tag.name, tagLabel(tag.name, context.tags)] as const)]);
    tagAdd.disabled = addable.length === 0;

    if (s.followUpOwner) {
      const who = personName(s.followUpOwner, context.people);
      const text =
        s.followUpDueMs === null
          ? t("surveys.detail.followUpNoDue", { owner: who })
          : t("surveys.detail.followUpSet", { owner: who, due: fmtDateIn(s.followUpDueMs, zone) });
      setText(followCurrent, isOverdue(s, context.nowMs) ? `${text} ${t("surveys.detail.overdue")}` : text);
    } else {
      setText(followCurrent, t("surveys.detail.followUpNone"));
    }
    setAttr(followCurrent, "data-overdue", isOverdue(s, context.nowMs) ? "true" : null);
    setOptions(owner, [["", t("surveys.choose")], ...context.people.map((p) => [p.name, p.displayName] as const)]);
    owner.value = s.followUpOwner ?? "";
    due.value = s.followUpDueMs === null ? "" : fmtDateIn(s.followUpDueMs, zone);

    notes.replaceChildren(
      ...d.notes.map((n) =>
        h(
          "li",
          "survey-note",
          { "data-testid": "survey-note" },
          h("span", "survey-note-meta", {}, `${personName(n.author, context.people)} · ${fmtDateTimeIn(n.atMs, zone)}`),
          h("p", "survey-note-body", {}, n.body),
        ),
      ),
    );
    if (d.notes.length === 0) notes.append(h("li", "muted", {}, t("surveys.detail.noNotes")));

    setText(recentTitle, s.agent ? t("surveys.detail.recent", { agent: s.agent }) : t("surveys.detail.noAgent"));
    const { mean, n } = meanCsat(d.agentRecent);
    setText(recentMean, n === 0 ? (s.agent ? t("surveys.detail.recentNone") : "") : t("surveys.detail.meanCsat", { mean: fmtMean(mean), n }));
    setHidden(recent, n === 0);
    recentHead.replaceChildren(
      ...(["surveys.col.time", "surveys.col.queue", "surveys.col.csat", "surveys.col.nps", "surveys.col.fcr"] as const).map((key) =>
        h("th", "", {}, t(key)),
      ),
    );
    recentBody.replaceChildren(
      ...d.agentRecent.map((r) =>
        h(
          "tr",
          "",
          { "data-testid": "survey-recent-row" },
          h("td", "", { title: fmtDateTimeIn(r.answeredAtMs, zone) }, fmtDateTimeIn(r.answeredAtMs, zone).slice(5)),
          h("td", "", {}, r.queue),
          h("td", "num", {}, String(r.csat)),
          h("td", "", {}, npsText(r)),
          h("td", "", {}, fcrText(r.fcr, true)),
        ),
      ),
    );
  }

  function redraw(): void {
    setHidden(none, detail !== null);
    setHidden(body, detail === null);
    for (const [el, key] of texts) setText(el, t(key));
    setText(none, t("surveys.detail.none"));
    setText(close, t("surveys.detail.close"));
    setText(statusLabel, t("surveys.filter.status"));
    setText(ownerLabel, t("surveys.detail.owner"));
    setText(dueLabel, t("surveys.detail.due"));
    setText(tagAdd, t("surveys.detail.addTag"));
    setText(followSave, t("surveys.detail.saveFollowUp"));
    setText(followClear, t("surveys.detail.clearFollowUp"));
    setText(noteAdd, t("surveys.detail.addNote"));
    setAttr(noteBody, "placeholder", t("surveys.detail.notePlaceholder"));
    if (!detail) return;
    // Redrawn only when something it shows changed, so an open drop-down stays open.
    const key = JSON.stringify([getLocale(), context.tags, context.people, context.timeZone, Math.floor(context.nowMs / 60_000), detail]);
    if (key === drawnKey) return;
    drawnKey = key;
    draw(detail);
  }

  return {
    root,
    show(next) {
      detail = next;
      drawnKey = "";
      redraw();
    },
    render(next) {
      context = next;
      redraw();
    },
    shownId: id,
  };
}
