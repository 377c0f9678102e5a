import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { audienceRoutes } from './audience.ts'
import { broadcastRoutes } from './broadcast.ts'
import { deliveryRoutes } from './delivery.ts'
import type { ConsoleDeps } from './deps.ts'
import { consoleLabels } from './labels.ts'
import { consoleGate, sessionOf } from './session.ts'
import { sourceRoutes } from './sources.ts'

const ASSETS_DIR = fileURLToPath(new URL('./assets', import.meta.url))
/** uPlot's browser build, served from our own server (no CDN): its folder in node_modules. */
const UPLOT_DIR = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'))

/**
 * Scripts and styles only from this server, data only from our API, no inline anything: a release title or feed
 * error that slipped past escaping runs nowhere. Telegram shows Mini Apps in its apps' web views and frames them in
 * web.telegram.org; no one else may frame the console.
 */
const CONSOLE_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self' https://web.telegram.org",
].join('; ')

function versioned(path: string, file: string): string {
  return `${path}?v=${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12)}`
}

/** The page: no data and no words of its own (those come from the API once Telegram's initData is checked). */
function shellPage(): string {
  const html = readFileSync(new URL('./assets/console.html', import.meta.url), 'utf8')
  return html
    .replace('{{style}}', versioned('/console/assets/console.css', `${ASSETS_DIR}/console.css`))
    .replace('{{script}}', versioned('/console/assets/console.js', `${ASSETS_DIR}/console.js`))
    .replace('{{uplotStyle}}', versioned('/console/uplot/uPlot.min.css', `${UPLOT_DIR}/uPlot.min.css`))
    .replace(
      '{{uplotScript}}',
      versioned('/console/uplot/uPlot.iife.min.js', `${UPLOT_DIR}/uPlot.iife.min.js`),
    )
}

/**
 * The admins' console, a Telegram Mini App: `/console` (the page), `/console/assets/` and `/console/uplot/` (its
 * script, style and chart library), and the API under `/console/api/`, where every call must carry initData that
 * Telegram signed for an admin (see session.ts); nothing else of the console answers without it.
 */
export async function registerConsole(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const page = shellPage()
  await app.register(
    async (scope) => {
      scope.addHook('onSend', async (_request, reply) => {
        reply.header('content-security-policy', CONSOLE_SECURITY_POLICY)
        reply.header('x-content-type-options', 'nosniff')
        reply.header('referrer-policy', 'no-referrer')
      })
      scope.get('/', async (_request, reply) =>
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page),
      )
      await scope.register(fastifyStatic, {
        root: ASSETS_DIR,
        prefix: '/assets/',
        maxAge: '365d',
        immutable: true,
        decorateReply: false,
        allowedPath: (path) => /^\/console\.(js|css)$/.test(path),
      })
      await scope.register(fastifyStatic, {
        root: UPLOT_DIR,
        prefix: '/uplot/',
        maxAge: '365d',
        immutable: true,
        decorateReply: false,
        allowedPath: (path) => /^\/uPlot\.(iife\.min\.js|min\.css)$/.test(path),
      })
      await scope.register(
        async (api) => {
          api.addHook('onRequest', consoleGate(deps))
          api.addHook('onSend', async (_request, reply) => {
            reply.header('cache-control', 'no-store')
          })
          api.get('/session', async (request) => {
            const { locale, userId } = sessionOf(request)
            return { userId, locale, labels: consoleLabels(locale) }
          })
          sourceRoutes(api, deps)
          deliveryRoutes(api, deps)
          audienceRoutes(api, deps)
          broadcastRoutes(api, deps)
        },
        { prefix: '/api' },
      )
    },
    { prefix: '/console' },
  )
}
