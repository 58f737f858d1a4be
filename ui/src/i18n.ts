// Every user-visible string goes through this module. Two locales: Simplified Chinese and
// English. The choice is persisted in localStorage; the default follows navigator.language.

import { fmtAge } from "./format";

export type Locale = "zh-CN" | "en";

const STORAGE_KEY = "floorwalker.locale";

const en = {
  "app.name": "Floorwalker",
  "app.subtitle": "",
  "app.screen": "Live queues",

  "link.connecting": "connecting",
  "link.connected": "connected",
  "link.reconnecting": "reconnecting",
  "link.lastEvent": "last event {age}",
  "link.noUpdates": "no updates · {age}",
  "link.title": "Telephony platform link. {detail}",

  "window.label": "Window",
  "window.title": "Statistics window (keys 1–5)",
  "window.rolling15": "Last 15 min",
  "window.rolling30": "Last 30 min",
  "window.rolling60": "Last 60 min",
  "window.shift": "This shift",
  "window.day": "Today",
  "window.since": "since {time}",
  "window.error": "Could not change the window: {message}",

  "clock.title": "Time of these figures (local)",
  "lang.title": "Switch language (L)",
  "theme.title": "Switch light / dark theme (T)",
  "theme.dark": "Dark",
  "theme.light": "Light",

  "age.s": "{n} s",
  "age.min": "{n} min",
  "age.h": "{n} h",
  "age.ago": "{age} ago",

  "stale.badge": "stale · {age}",
  "stale.noData": "no data yet",
  "stale.title": "These figures are not live: the platform link is down or the newest input is older than 15 s. The last known numbers are shown.",

  "boot.connecting": "Connecting to the telephony platform…",
  "boot.hint": "Live figures appear as soon as the first update arrives.",
  "boot.error": "Could not subscribe to live figures",
  "boot.retry": "Retry",
  "stream.error": "Live figures stopped: {message}",

  "kpi.scope": "All sites",
  "kpi.queues": "Queues",
  "kpi.volume": "Calls",
  "kpi.agents": "Agents",

  "m.waiting": "Waiting",
  "m.longestWait": "Longest wait",
  "m.sl": "Service level",
  "m.slShort": "SL",
  "m.asa": "ASA",
  "m.aht": "AHT",
  "m.abandonRate": "Abandon",
  "m.offered": "Offered",
  "m.answered": "Answered",
  "m.available": "Available",
  "m.onCall": "On call",
  "m.wrapUp": "Wrap-up",
  "m.onBreak": "Break",
  "m.occupancy": "Occupancy",
  "m.erlang": "Required / staffed",
  "m.erlangShort": "Req / staffed",

  "sl.target": "target {pct}",
  "sl.targetT": "{pct} in {t} s",

  "status.ok": "OK",
  "status.warn": "Warning",
  "status.crit": "Critical",
  "status.slOk": "On target",
  "status.slWarn": "Below target",
  "status.slCrit": "Critical",
  "status.waitWarn": "Long",
  "status.waitCrit": "Critical",
  "status.staffOk": "Covered",
  "status.staffShort": "Short {n}",

  "tier2.badge": "Tier 2",
  "tier2.title": "Tier-2 expert queue: tier-1 agents escalate hard cases here.",
  "queue.title": "{skill} · queue {name}",

  "def.waiting": "Waiting: calls in the queue now.",
  "def.longestWait": "Longest wait: age of the oldest call still waiting. Warning above 60 s, critical above 120 s.",
  "def.sl.abandonsCountAgainst": "Service level: answered within {t} s ÷ (answered + abandoned after {sa} s) × 100. Abandons within {sa} s (short abandons) are excluded. Target {target}: warning below target, critical more than 10 points below.",
  "def.sl.abandonsWithinThresholdMet": "Service level: (answered within {t} s + abandoned within {t} s) ÷ (answered + abandoned) × 100. Callers who hang up within {t} s count as met; short abandons (within {sa} s) are excluded. Target {target}: warning below target, critical more than 10 points below.",
  "def.sl.abandonsIgnored": "Service level: answered within {t} s ÷ answered × 100. Abandoned calls are ignored entirely. Target {target}: warning below target, critical more than 10 points below.",
  "def.sl.total": "Service level: answered within each queue's threshold T ÷ (answered + abandoned after the queue's short-abandon threshold) × 100, over all queues in scope. Target {target}: warning below target, critical more than 10 points below.",
  "def.asa": "ASA (average speed of answer): mean queue wait of answered calls; IVR time excluded.",
  "def.aht": "AHT (average handle time): talk + hold + after-call work (wrap-up) per handled call.",
  "def.abandonRate": "Abandon rate: abandoned calls (excluding short abandons within {sa} s) ÷ offered × 100.",
  "def.abandonRate.total": "Abandon rate: abandoned calls (excluding short abandons) ÷ offered × 100.",
  "def.offered": "Offered: calls that entered the queue in this window.",
  "def.answered": "Answered: calls answered by an agent in this window.",
  "def.available": "Available: agents logged in and idle, ready for a call.",
  "def.onCall": "On call: agents talking to a caller (including hold).",
  "def.wrapUp": "Wrap-up: agents doing after-call work.",
  "def.onBreak": "Break: agents on a break (with a reason).",
  "def.occupancy": "Occupancy: time on calls and wrap-up ÷ (that + available idle time), over the window.",
  "def.erlang": "Agents required (Erlang C): the fewest agents that meet the SL target at the observed arrival rate and AHT over the window, shown beside agents staffed. Warning when more are required than staffed.",

  "footer.quality": "Data quality",
  "footer.duplicates": "duplicates {n}",
  "footer.gaps": "gaps {n}",
  "footer.unknownCalls": "unknown calls {n}",
  "footer.unknownAgents": "unknown agents {n}",
  "footer.qualityTitle": "Events the engine could not use as they came: duplicates dropped, sequence gaps, and events about calls or agents it did not know.",
  "footer.keys": "Keys: 1–5 window · Ctrl+1–3 views · L language · T theme",

  "nav.wallboard": "Live queues",
  "nav.calls": "Live calls",
  "nav.audit": "Audit trail",
  "nav.title": "Views (Ctrl+1–3)",
  "user.viewOnly": "view only",
  "user.title": "Signed in as {user}. Phone: {endpoint}",
  "role.floorSupervisor": "Floor supervisor",
  "role.nightShiftLead": "Night-shift lead",
  "role.qualityManager": "Quality manager",
  "role.admin": "Admin",
  "role.wallboard": "Wallboard",

  "calls.filter.all": "All",
  "calls.filter.waiting": "Waiting",
  "calls.filter.connected": "In progress",
  "calls.search": "Search queue, agent, region, call",
  "calls.count": "{shown} of {n} calls",
  "calls.empty": "No calls match",
  "calls.masked": "Caller numbers are masked for your role.",
  "calls.listen": "Listen",
  "calls.listenTitle": "Listen silently to this call (Enter). You join muted.",
  "calls.trainBarge": "Training: a colleague barges in",
  "calls.trainingColleague": "Colleague (training)",
  "calls.keys": "↑/↓ select · Enter listen · Shift+W whisper · Shift+B barge · Shift+S stop",
  "col.call": "Call",
  "col.caller": "Caller",
  "col.region": "Region",
  "col.queue": "Queue",
  "col.agent": "Agent",
  "col.state": "State",
  "col.time": "Time",
  "col.monitors": "Monitored by",
  "phase.ivr": "IVR",
  "phase.queued": "Waiting",
  "phase.ringing": "Ringing agent",
  "phase.talking": "Talking",
  "phase.onHold": "On hold",

  "mode.listen": "Listen",
  "mode.whisper": "Whisper",
  "mode.barge": "Barge",
  "mon.state.listen": "LISTENING · muted",
  "mon.state.whisper": "WHISPERING · the agent hears you",
  "mon.state.barge": "BARGED IN · caller and agent hear you",
  "mon.ringing": "Ringing your phone {endpoint}…",
  "mon.on": "Call {call} · {agent} · {queue}",
  "mon.stop": "Stop",
  "mon.keys": "Shift+L listen · Shift+W whisper · Shift+B barge · Shift+S stop",
  "mon.ended": "Your monitoring of call {call} ended. The audit trail says why.",
  "mon.idle": "Not monitoring",

  "err.denied.not_permitted": "Your role may not do this.",
  "err.denied.barge_taken": "Another supervisor is already barged into this call.",
  "err.denied.listener_limit": "This call already has as many supervisors as allowed.",
  "err.denied.party_to_call": "You are a party to this call.",
  "err.denied.protected": "This call is protected and cannot be monitored.",
  "err.denied.no_endpoint": "Your profile has no phone to ring.",
  "err.denied.call_gone": "The call has ended.",
  "err.denied.call_not_connected": "The call is not connected to an agent yet.",
  "err.denied.agent_not_on_call": "The agent is not on a call.",
  "err.denied.session": "That session is not yours or has ended.",
  "err.denied.unknown_user": "You are not in the team: this console is view only.",
  "err.audit_unavailable": "The audit trail cannot be written, so monitoring is refused.",
  "err.monitoring_unavailable": "This console cannot monitor calls.",
  "err.platform": "The platform did not carry it out.",
  "err.other": "Refused.",
  "err.refused": "Refused: {reason}",

  "audit.everyone": "All users' records",
  "audit.ownOnly": "Your role shows only your own records.",
  "audit.user": "User",
  "audit.action": "Action",
  "audit.outcome": "Outcome",
  "audit.from": "From",
  "audit.to": "To",
  "audit.call": "Call",
  "audit.apply": "Filter",
  "audit.reset": "Clear",
  "audit.export": "Export CSV",
  "audit.exported": "Saved {n} records to {path}",
  "audit.exportFailed": "Export failed: {message}",
  "audit.loadFailed": "Cannot read the audit trail: {message}",
  "audit.more": "Load more",
  "audit.empty": "No records match.",
  "audit.any": "Any",
  "audit.action.monitor": "Monitoring",
  "audit.action.monitor.start": "Start",
  "audit.action.monitor.mode": "Mode change",
  "audit.action.monitor.stop": "Stop",
  "audit.action.monitor.end": "Ended by platform",
  "audit.action.monitor.request": "Request",
  "audit.action.audit.export": "Audit export",
  "audit.outcome.allowed": "Allowed",
  "audit.outcome.denied": "Denied",
  "audit.outcome.failed": "Failed",
  "audit.col.time": "Time",
  "audit.col.detail": "Reason / detail",
  "audit.col.mode": "Mode",
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  "app.name": "Floorwalker",
  "app.subtitle": "巡场",
  "app.screen": "实时队列",

  "link.connecting": "连接中",
  "link.connected": "已连接",
  "link.reconnecting": "重连中",
  "link.lastEvent": "最近事件 {age}",
  "link.noUpdates": "无更新 · {age}",
  "link.title": "话务平台连接。{detail}",

  "window.label": "统计窗口",
  "window.title": "统计窗口（按键 1–5）",
  "window.rolling15": "近 15 分钟",
  "window.rolling30": "近 30 分钟",
  "window.rolling60": "近 60 分钟",
  "window.shift": "本班次",
  "window.day": "今天",
  "window.since": "起于 {time}",
  "window.error": "切换统计窗口失败：{message}",

  "clock.title": "这些数据的时间（本地）",
  "lang.title": "切换语言 (L)",
  "theme.title": "切换浅色 / 深色主题 (T)",
  "theme.dark": "深色",
  "theme.light": "浅色",

  "age.s": "{n} 秒",
  "age.min": "{n} 分钟",
  "age.h": "{n} 小时",
  "age.ago": "{age}前",

  "stale.badge": "数据过期 · {age}",
  "stale.noData": "暂无数据",
  "stale.title": "这些数据不是实时的：与平台的连接中断，或最新输入已超过 15 秒。显示的是最后已知的数值。",

  "boot.connecting": "正在连接话务平台…",
  "boot.hint": "收到第一次更新后即显示实时数据。",
  "boot.error": "无法订阅实时数据",
  "boot.retry": "重试",
  "stream.error": "实时数据中断：{message}",

  "kpi.scope": "全部站点",
  "kpi.queues": "队列",
  "kpi.volume": "话务量",
  "kpi.agents": "坐席",

  "m.waiting": "排队中",
  "m.longestWait": "最长等待",
  "m.sl": "服务水平",
  "m.slShort": "服务水平",
  "m.asa": "平均应答",
  "m.aht": "平均处理",
  "m.abandonRate": "放弃率",
  "m.offered": "进线",
  "m.answered": "接通",
  "m.available": "空闲",
  "m.onCall": "通话中",
  "m.wrapUp": "话后处理",
  "m.onBreak": "小休",
  "m.occupancy": "占用率",
  "m.erlang": "需求 / 在岗",
  "m.erlangShort": "需求 / 在岗",

  "sl.target": "目标 {pct}",
  "sl.targetT": "目标 {pct} · {t} 秒",

  "status.ok": "正常",
  "status.warn": "预警",
  "status.crit": "严重",
  "status.slOk": "达标",
  "status.slWarn": "未达标",
  "status.slCrit": "严重",
  "status.waitWarn": "偏长",
  "status.waitCrit": "严重",
  "status.staffOk": "充足",
  "status.staffShort": "缺 {n} 人",

  "tier2.badge": "二线",
  "tier2.title": "二线专家队列：一线坐席将疑难问题升级至此。",
  "queue.title": "{skill} · 队列 {name}",

  "def.waiting": "排队中：当前在队列中等待的来电数。",
  "def.longestWait": "最长等待：仍在等待的最早来电已等待的时长。超过 60 秒预警，超过 120 秒严重。",
  "def.sl.abandonsCountAgainst": "服务水平：{t} 秒内接通数 ÷（接通数 + {sa} 秒后放弃数）× 100。{sa} 秒内放弃（短时放弃）不计入。目标 {target}：低于目标预警，低于目标 10 个百分点以上为严重。",
  "def.sl.abandonsWithinThresholdMet": "服务水平：（{t} 秒内接通数 + {t} 秒内放弃数）÷（接通数 + 放弃数）× 100。{t} 秒内挂断的来电视为达标；短时放弃（{sa} 秒内）不计入。目标 {target}：低于目标预警，低于目标 10 个百分点以上为严重。",
  "def.sl.abandonsIgnored": "服务水平：{t} 秒内接通数 ÷ 接通数 × 100。放弃的来电完全不计入。目标 {target}：低于目标预警，低于目标 10 个百分点以上为严重。",
  "def.sl.total": "服务水平：在各队列阈值 T 内接通数 ÷（接通数 + 超过各队列短时放弃阈值后放弃数）× 100，汇总范围内全部队列。目标 {target}：低于目标预警，低于目标 10 个百分点以上为严重。",
  "def.asa": "平均应答速度 (ASA)：已接通来电的平均排队等待时长，不含 IVR 时间。",
  "def.aht": "平均处理时长 (AHT)：每通已处理来电的通话 + 保持 + 话后处理时长。",
  "def.abandonRate": "放弃率：放弃数（不含 {sa} 秒内的短时放弃）÷ 进线数 × 100。",
  "def.abandonRate.total": "放弃率：放弃数（不含短时放弃）÷ 进线数 × 100。",
  "def.offered": "进线：本窗口内进入队列的来电数。",
  "def.answered": "接通：本窗口内由坐席接听的来电数。",
  "def.available": "空闲：已登录且空闲、可接听来电的坐席数。",
  "def.onCall": "通话中：正在与来电者通话（含保持）的坐席数。",
  "def.wrapUp": "话后处理：正在进行话后工作的坐席数。",
  "def.onBreak": "小休：处于休息状态（附原因）的坐席数。",
  "def.occupancy": "占用率：通话与话后处理时间 ÷（该时间 + 空闲可用时间），按本窗口计算。",
  "def.erlang": "所需坐席 (Erlang C)：按本窗口观测到的来电速率和 AHT，达到服务水平目标所需的最少坐席数，与在岗坐席数并列显示。所需多于在岗时预警。",

  "footer.quality": "数据质量",
  "footer.duplicates": "重复 {n}",
  "footer.gaps": "缺口 {n}",
  "footer.unknownCalls": "未知通话 {n}",
  "footer.unknownAgents": "未知坐席 {n}",
  "footer.qualityTitle": "引擎无法按原样使用的事件：已丢弃的重复事件、序号缺口，以及涉及未知通话或坐席的事件。",
  "footer.keys": "按键：1–5 统计窗口 · Ctrl+1–3 视图 · L 语言 · T 主题",

  "nav.wallboard": "实时队列",
  "nav.calls": "实时通话",
  "nav.audit": "审计记录",
  "nav.title": "视图（Ctrl+1–3）",
  "user.viewOnly": "仅查看",
  "user.title": "当前用户 {user}。话机：{endpoint}",
  "role.floorSupervisor": "现场主管",
  "role.nightShiftLead": "夜班主管",
  "role.qualityManager": "质检经理",
  "role.admin": "管理员",
  "role.wallboard": "大屏",

  "calls.filter.all": "全部",
  "calls.filter.waiting": "排队中",
  "calls.filter.connected": "通话中",
  "calls.search": "搜索队列、坐席、地区、通话号",
  "calls.count": "{n} 通中显示 {shown} 通",
  "calls.empty": "没有符合条件的通话",
  "calls.masked": "按您的角色，来电号码已隐藏。",
  "calls.listen": "监听",
  "calls.listenTitle": "静默监听此通话（Enter）。加入时为静音。",
  "calls.trainBarge": "演练：同事强插",
  "calls.trainingColleague": "同事（演练）",
  "calls.keys": "↑/↓ 选择 · Enter 监听 · Shift+W 密语 · Shift+B 强插 · Shift+S 停止",
  "col.call": "通话",
  "col.caller": "来电",
  "col.region": "地区",
  "col.queue": "队列",
  "col.agent": "坐席",
  "col.state": "状态",
  "col.time": "时长",
  "col.monitors": "监听者",
  "phase.ivr": "语音导航",
  "phase.queued": "排队中",
  "phase.ringing": "坐席振铃",
  "phase.talking": "通话中",
  "phase.onHold": "保持中",

  "mode.listen": "监听",
  "mode.whisper": "密语",
  "mode.barge": "强插",
  "mon.state.listen": "监听中 · 已静音",
  "mon.state.whisper": "密语中 · 仅坐席能听到您",
  "mon.state.barge": "强插中 · 来电者和坐席都能听到您",
  "mon.ringing": "正在呼叫您的话机 {endpoint}…",
  "mon.on": "通话 {call} · {agent} · {queue}",
  "mon.stop": "停止",
  "mon.keys": "Shift+L 监听 · Shift+W 密语 · Shift+B 强插 · Shift+S 停止",
  "mon.ended": "您对通话 {call} 的监听已结束，原因见审计记录。",
  "mon.idle": "未在监听",

  "err.denied.not_permitted": "您的角色无权执行此操作。",
  "err.denied.barge_taken": "已有其他主管强插此通话。",
  "err.denied.listener_limit": "此通话的监听人数已达上限。",
  "err.denied.party_to_call": "您是此通话的一方。",
  "err.denied.protected": "此通话受保护，不能监听。",
  "err.denied.no_endpoint": "您的资料中没有可呼叫的话机。",
  "err.denied.call_gone": "通话已结束。",
  "err.denied.call_not_connected": "通话尚未接通坐席。",
  "err.denied.agent_not_on_call": "该坐席当前不在通话中。",
  "err.denied.session": "该监听会话不属于您或已结束。",
  "err.denied.unknown_user": "您不在团队名单中：本控制台仅可查看。",
  "err.audit_unavailable": "无法写入审计记录，因此拒绝监听。",
  "err.monitoring_unavailable": "本控制台不能监听通话。",
  "err.platform": "话务平台未能执行。",
  "err.other": "已拒绝。",
  "err.refused": "已拒绝：{reason}",

  "audit.everyone": "全部用户的记录",
  "audit.ownOnly": "按您的角色，只显示您本人的记录。",
  "audit.user": "用户",
  "audit.action": "操作",
  "audit.outcome": "结果",
  "audit.from": "开始",
  "audit.to": "结束",
  "audit.call": "通话",
  "audit.apply": "筛选",
  "audit.reset": "清除",
  "audit.export": "导出 CSV",
  "audit.exported": "已将 {n} 条记录保存到 {path}",
  "audit.exportFailed": "导出失败：{message}",
  "audit.loadFailed": "无法读取审计记录：{message}",
  "audit.more": "加载更多",
  "audit.empty": "没有符合条件的记录。",
  "audit.any": "全部",
  "audit.action.monitor": "监听类",
  "audit.action.monitor.start": "开始监听",
  "audit.action.monitor.mode": "切换模式",
  "audit.action.monitor.stop": "停止",
  "audit.action.monitor.end": "平台结束",
  "audit.action.monitor.request": "请求",
  "audit.action.audit.export": "导出审计",
  "audit.outcome.allowed": "允许",
  "audit.outcome.denied": "拒绝",
  "audit.outcome.failed": "失败",
  "audit.col.time": "时间",
  "audit.col.detail": "原因 / 说明",
  "audit.col.mode": "模式",
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zh };

const skills: Record<Locale, Record<string, string>> = {
  en: {
    phones: "Phones",
    smart_home: "Smart home",
    orders: "Orders",
    repairs: "Repairs",
    complaints: "Complaints",
    claims: "Claims",
    tier2: "Tier 2 experts",
  },
  "zh-CN": {
    phones: "手机",
    smart_home: "智能家居",
    orders: "订单",
    repairs: "维修",
    complaints: "投诉",
    claims: "理赔",
    tier2: "二线专家",
  },
};

const sites: Record<Locale, Record<string, string>> = {
  en: { north: "North", east: "East", south: "South" },
  "zh-CN": { north: "华北", east: "华东", south: "华南" },
};

function detectLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "en" || stored === "zh-CN") return stored;
  } catch {
    // localStorage unavailable: fall through to the browser language.
  }
  const lang = typeof navigator !== "undefined" ? navigator.language : "en";
  return lang.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

let current: Locale = detectLocale();
const listeners = new Set<(locale: Locale) => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted; the choice still applies for this session.
  }
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

export function toggleLocale(): void {
  setLocale(current === "en" ? "zh-CN" : "en");
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether `key` names a message (for keys built from backend codes). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The message for `key` in the current locale, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = dictionaries[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A queue skill's display name; unknown skills fall back to the raw identifier. */
export function skillName(skill: string): string {
  return skills[current][skill] ?? skill;
}

/** A site's display name; unknown sites fall back to the raw name. */
export function siteName(name: string): string {
  return sites[current][name.toLowerCase()] ?? name;
}

/** A data age in the current locale, e.g. "42 s" / "42 秒". */
export function age(ms: number | null): string {
  return fmtAge(ms, { s: t("age.s"), min: t("age.min"), h: t("age.h") });
}

/** A data age with "ago", e.g. "3 s ago" / "3 秒前". */
export function ageAgo(ms: number | null): string {
  return t("age.ago", { age: age(ms) });
}
