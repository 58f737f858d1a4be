// The one and only bridge to the Rust side. Nothing else in the UI imports @tauri-apps/api:
// views receive plain DTOs (generated from Rust by ts-rs into ./bindings) and call the
// typed functions below.

import { Channel, invoke } from "@tauri-apps/api/core";
import type { FrameDto } from "./bindings/FrameDto";
import type { IpcErrorDto } from "./bindings/IpcErrorDto";
import type { WindowDto } from "./bindings/WindowDto";

export type { AgentCountsDto } from "./bindings/AgentCountsDto";
export type { AnomaliesDto } from "./bindings/AnomaliesDto";
export type { ErlangDto } from "./bindings/ErlangDto";
export type { FiguresDto } from "./bindings/FiguresDto";
export type { FrameDto } from "./bindings/FrameDto";
export type { IpcErrorDto } from "./bindings/IpcErrorDto";
export type { LinkDto } from "./bindings/LinkDto";
export type { LinkStateDto } from "./bindings/LinkStateDto";
export type { QueueFrameDto } from "./bindings/QueueFrameDto";
export type { ServiceLevelsDto } from "./bindings/ServiceLevelsDto";
export type { SiteFrameDto } from "./bindings/SiteFrameDto";
export type { SlVariantDto } from "./bindings/SlVariantDto";
export type { WindowDto } from "./bindings/WindowDto";

/** Every window the backend accepts, in selector order (keys 1–5). */
export const WINDOWS: readonly WindowDto[] = ["rolling15", "rolling30", "rolling60", "shift", "day"];

export function isIpcError(value: unknown): value is IpcErrorDto {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/**
 * Normalises whatever an invoke rejected with into an IpcErrorDto. Commands reject with
 * `{ code, message }`; anything else (Tauri's own string errors, a missing runtime) is
 * classified here so callers only ever handle one shape.
 */
export function toIpcError(error: unknown): IpcErrorDto {
  if (isIpcError(error)) return { code: error.code, message: error.message };
  if (typeof error === "string") return { code: "ipc", message: error };
  if (error instanceof Error) return { code: "ipc", message: error.message };
  return { code: "ipc", message: String(error) };
}

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

/**
 * Opens the live frame stream: every frame the backend sends on the channel is handed to
 * `onFrame`, in order. Resolves once the backend has accepted the subscription; rejects
 * with an IpcErrorDto if it did not.
 */
export async function subscribeFrames(onFrame: (frame: FrameDto) => void): Promise<void> {
  const channel = new Channel<FrameDto>();
  channel.onmessage = onFrame;
  await call<void>("subscribe_frames", { channel });
}

/** Selects the statistics window; later frames carry it. Rejects with an IpcErrorDto. */
export async function setWindow(window: WindowDto): Promise<void> {
  await call<void>("set_window", { window });
}
