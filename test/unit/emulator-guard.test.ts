import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { isLoopback } from "../../src/web/server.js";
import { emulatorLoopbackOnly } from "../../src/web/teams-endpoint.js";

// Reaching the service from a non-loopback address would need traffic off this machine, so the
// guard is driven directly with what Express hands it: the socket's remote address.
function call(remoteAddress: string | undefined) {
  let status = 0;
  let passed = false;
  const req = { socket: { remoteAddress } } as unknown as Request;
  const res = {
    status(code: number) {
      status = code;
      return this;
    },
    json() {
      return this;
    },
  } as unknown as Response;
  const next: NextFunction = () => {
    passed = true;
  };
  emulatorLoopbackOnly(createLogger("silent"))(req, res, next);
  return { status, passed };
}

describe("Teams emulator mode", () => {
  it("lets loopback callers through", () => {
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
      expect(call(address).passed).toBe(true);
  });

  it("answers 403 to anyone else", () => {
    for (const address of ["10.0.0.5", "192.168.1.20", "::ffff:10.0.0.5", "2001:db8::1", undefined]) {
      expect(call(address)).toEqual({ status: 403, passed: false });
    }
    expect(isLoopback("128.0.0.1")).toBe(false);
  });
});
