import { z } from 'zod';

// A host name (RFC 1123 labels), an IPv4 address, or an IPv6 one (letters, digits, colons, dots).
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|[0-9a-f:.]*:[0-9a-f:.]*)$/i;

/** A network receipt printer at a desk: raw ESC/POS over TCP ("JetDirect", port 9100). */
export const deskPrinterSchema = z.strictObject({
  host: z.string().trim().min(1).max(253).regex(HOST, 'an IP address or a host name'),
  port: z.number().int().min(1).max(65535).default(9100),
  paper: z.enum(['80mm', '58mm']).default('80mm'),
});

/**
 * A reception desk ("bàn hướng dẫn"), where a guide signs in and issues numbers for citizens:
 * printed on the desk's own network printer, or sent to a kiosk nearby (`kioskId`, a paired
 * kiosk's device id) when the desk has none. Neither: the number is shown on the desk's screen.
 */
export const deskSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -'),
  name: z.string().trim().min(1).max(100),
  printer: deskPrinterSchema.nullable().default(null),
  kioskId: z.string().min(1).max(64).nullable().default(null),
});

export const desksSchema = z
  .array(deskSchema)
  .max(50)
  .default([])
  .superRefine((desks, ctx) => {
    const seen = new Set<string>();
    desks.forEach((desk, i) => {
      if (seen.has(desk.id))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `desk id "${desk.id}" is used twice`,
        });
      seen.add(desk.id);
    });
  });

export type DeskConfig = z.infer<typeof deskSchema>;
export type DeskPrinter = z.infer<typeof deskPrinterSchema>;

/** A desk of the configuration by id; undefined when there is none. */
export function deskById(
  config: { desks: readonly DeskConfig[] },
  deskId: string,
): DeskConfig | undefined {
  return config.desks.find((d) => d.id === deskId);
}
