import { afterEach, describe, expect, it } from 'vitest'
import { CHROMIUM_HELP, findChromium } from './chromium.ts'

describe('finding the system Chromium for the browser tests', () => {
  const saved = { path: process.env.PATH, chromium: process.env.CHROMIUM_PATH }
  afterEach(() => {
    process.env.PATH = saved.path
    if (saved.chromium === undefined) delete process.env.CHROMIUM_PATH
    else process.env.CHROMIUM_PATH = saved.chromium
  })

  it('without one, fails with how to install it (the browser tests fail, they are not skipped)', () => {
    delete process.env.CHROMIUM_PATH
    process.env.PATH = '/nonexistent'
    expect(() => findChromium()).toThrow(`no Chromium found: ${CHROMIUM_HELP}`)
    expect(CHROMIUM_HELP).toContain('apt-get install -y chromium')
  })

  it('takes CHROMIUM_PATH first', () => {
    process.env.CHROMIUM_PATH = '/opt/chrome/chrome'
    expect(findChromium()).toBe('/opt/chrome/chrome')
  })
})
