import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { renderBroadcastProblem } from '../../bot/messages/broadcast.ts'
import { type BroadcastRequest, checkBroadcast, totalOf } from '../../delivery/broadcast-rules.ts'
import { broadcastMessageOf } from '../../delivery/send-broadcast.ts'
import { LOCALES, translator } from '../../i18n/index.ts'
import { visibleText } from '../../render/sanitize.ts'
import { sendError, sendInvalid } from './api-errors.ts'
import type { ConsoleDeps } from './deps.ts'
import { sessionOf } from './session.ts'

/** The composer's fields: the text (Telegram HTML: <b>, <i>, <a href>…), its language, and who gets it. */
const composed = z.object({
  text: z.string().min(1).max(20_000),
  language: z.enum(LOCALES),
  audience: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('everyone') }),
    z.object({ kind: z.literal('language'), language: z.enum(LOCALES) }),
    z.object({ kind: z.literal('topic'), topic: z.string().trim().min(1).max(200) }),
  ]),
})
type Composed = z.infer<typeof composed>

const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
})

/** The composer's fields as the one request /broadcast and `pressbot broadcast` build for broadcast-rules.ts. */
function requestOf(body: Composed): BroadcastRequest {
  const { audience } = body
  return {
    editions: [{ language: body.language, html: body.text }],
    audience: {
      languages: audience.kind === 'language' ? [audience.language] : undefined,
      topics: audience.kind === 'topic' ? [audience.topic] : undefined,
    },
  }
}

/**
 * The broadcast composer's API. preview: the broadcast rules' verdict, the HTML the sender will send (through
 * send-broadcast.ts, as for every chat) and how many chats it reaches; nothing saved. POST /broadcasts: the same
 * checks again, then saved and queued in one go (what Confirm under /broadcast does). Then its progress and cancel,
 * the outbox's own counts and /broadcast_cancel's repository call.
 */
export function broadcastRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { store } = deps
  function check(body: Composed) {
    return checkBroadcast(
      { topics: store.topics, broadcasts: store.broadcasts, feeds: store.feeds, now: deps.now() },
      requestOf(body),
    )
  }

  /**
   * The request's broadcast, parsed and checked by the broadcast rules; undefined when it is refused (the 400 or
   * 422 with the reason in the admin's language is sent then).
   */
  function accepted(request: FastifyRequest, reply: FastifyReply) {
    const { locale } = sessionOf(request)
    const body = composed.safeParse(request.body)
    if (!body.success) {
      void sendInvalid(reply, locale, body.error)
      return undefined
    }
    const checked = check(body.data)
    if (!checked.ok) {
      void reply
        .code(422)
        .send({ error: visibleText(renderBroadcastProblem(translator(locale), checked.problem)) })
      return undefined
    }
    return { body: body.data, draft: checked.draft, counts: checked.counts }
  }

  app.post('/broadcast/preview', async (request, reply) => {
    const ok = accepted(request, reply)
    if (!ok) return reply
    const { draft } = ok
    const message = broadcastMessageOf(
      {
        id: 0,
        editions: draft.editions,
        mediaKind: null,
        mediaSource: null,
        mediaFileId: null,
        buttonList: draft.buttons ?? [],
        silent: draft.silent ?? false,
        correctedAt: null,
      },
      ok.body.language,
    )
    return { html: message.html, chats: totalOf(ok.counts) }
  })

  app.post('/broadcasts', async (request, reply) => {
    const { userId } = sessionOf(request)
    const ok = accepted(request, reply)
    if (!ok) return reply
    const preview = store.broadcasts.createPreview({ adminChatId: userId, ...ok.draft })
    const queued = store.broadcasts.confirm(preview.id, null) ?? 0
    deps.logger.info({ broadcastId: preview.id, queued, by: userId }, 'broadcast confirmed from the console')
    deps.wakeSender()
    return reply.code(201).send({ id: preview.id, queued })
  })

  app.get('/broadcasts/:id', async (request, reply) => {
    const { locale } = sessionOf(request)
    const params = idParams.safeParse(request.params)
    if (!params.success) return sendInvalid(reply, locale, params.error)
    const row = store.broadcasts.get(params.data.id)
    if (!row)
      return sendError(reply, 404, locale, 'console-broadcast-unknown', { id: String(params.data.id) })
    return { id: row.id, status: row.status, progress: store.broadcasts.progress(row.id) }
  })

  app.post('/broadcasts/:id/cancel', async (request, reply) => {
    const { locale, userId } = sessionOf(request)
    const params = idParams.safeParse(request.params)
    if (!params.success) return sendInvalid(reply, locale, params.error)
    const { id } = params.data
    const dropped = store.broadcasts.cancel(id)
    if (dropped === null) {
      const known = store.broadcasts.get(id) !== undefined
      return sendError(
        reply,
        known ? 409 : 404,
        locale,
        known ? 'console-broadcast-over' : 'console-broadcast-unknown',
        {
          id: String(id),
        },
      )
    }
    deps.logger.info({ broadcastId: id, dropped, by: userId }, 'broadcast cancelled from the console')
    return { id, status: 'cancelled', dropped, progress: store.broadcasts.progress(id) }
  })
}
