// The admins' console. Telegram opens it with its signed initData in the address's fragment (tgWebAppData); every
// API call carries it as `Authorization: tma …`, and the server checks it. Texts come from the server in the
// admin's language; nothing from the API is written as HTML but the broadcast preview, which is the server's
// sanitised Telegram HTML (and CSP lets no script run from it anyway).
;(() => {
  const fragment = new URLSearchParams(location.hash.slice(1))
  const initData = fragment.get('tgWebAppData') || sessionStorage.getItem('pressbot-init-data') || ''
  if (fragment.get('tgWebAppData')) sessionStorage.setItem('pressbot-init-data', initData)

  applyTheme()
  let L = {}
  let locale = 'en'

  function applyTheme() {
    let theme = {}
    try {
      theme = JSON.parse(fragment.get('tgWebAppThemeParams') || '{}')
    } catch {
      // Dropped: a theme Telegram sent garbled; the console keeps its own colours.
    }
    const root = document.documentElement.style
    for (const [key, value] of Object.entries(theme)) {
      if (typeof value === 'string' && /^#[0-9a-f]{3,8}$/i.test(value))
        root.setProperty(`--tg-${key.replace(/_/g, '-')}`, value)
    }
    if (typeof theme.bg_color === 'string') {
      const hex = theme.bg_color.replace('#', '')
      const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16))
      document.documentElement.dataset.scheme = 0.299 * r + 0.587 * g + 0.114 * b < 128 ? 'dark' : 'light'
    }
  }

  function t(key, vars = {}) {
    return (L[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''))
  }

  async function api(path, options = {}) {
    const response = await fetch(`/console/api${path}`, {
      method: options.method || 'GET',
      headers: {
        authorization: `tma ${initData}`,
        ...(options.body ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    })
    // Dropped: a body that is not JSON (a proxy's page): the status says what failed.
    const body = await response.json().catch(() => ({}))
    if (!response.ok) {
      const error = new Error(body.error || `HTTP ${response.status}`)
      error.status = response.status
      throw error
    }
    return body
  }

  /** An element with text content only (never HTML), attributes and children. */
  function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag)
    for (const [key, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue
      if (key === 'class') element.className = value
      else if (key.startsWith('on')) element.addEventListener(key.slice(2), value)
      else element.setAttribute(key, value === true ? '' : String(value))
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue
      element.append(child instanceof Node ? child : document.createTextNode(String(child)))
    }
    return element
  }

  const when = (ms) =>
    ms === null || ms === undefined
      ? t('never')
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms))
  const number = (n) => new Intl.NumberFormat(locale).format(n)
  const duration = (ms) => {
    if (ms === null || ms < 0) return '–'
    const s = Math.round(ms / 1000)
    return s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`
  }

  function setStatus(text) {
    const status = document.getElementById('status')
    status.textContent = text || ''
    status.hidden = !text
  }

  function refuse(message) {
    for (const view of document.querySelectorAll('.view')) view.replaceChildren()
    document.getElementById('tabs').hidden = true
    setStatus('')
    const refusal = document.getElementById('refusal')
    refusal.textContent = message
    refusal.hidden = false
  }

  // ---- Sources -------------------------------------------------------------------------------------------------
  function sourceCard(source) {
    const failing = source.status === 'error'
    const act = (action, label, extra = '') =>
      h(
        'button',
        {
          type: 'button',
          class: `action ${extra}`,
          'data-action': action,
          onclick: () => sourceAction(source.id, action),
        },
        label,
      )
    return h(
      'article',
      {
        class: `card source${failing ? ' failing' : ''}`,
        'data-source': source.id,
        'data-status': source.status,
      },
      h(
        'h3',
        {},
        h('span', {}, `#${source.id} ${source.name}`),
        h('span', { class: `badge ${source.status}` }, t(`status-${source.status}`)),
      ),
      h('div', { class: 'url' }, source.url),
      h(
        'dl',
        {},
        h('dt', {}, t('last-success')),
        h('dd', {}, when(source.lastOkAt)),
        h('dt', {}, t('next-poll')),
        h(
          'dd',
          {},
          source.status === 'removed' ? '–' : source.nextPollAt ? when(source.nextPollAt) : t('next-tick'),
        ),
        h('dt', {}, t('releases')),
        h('dd', {}, number(source.releases)),
      ),
      source.backingOff
        ? h('div', { class: 'problem' }, t('backoff', { count: source.consecutiveErrors }))
        : null,
      source.lastError
        ? h(
            'div',
            {},
            h('span', { class: 'hint' }, t('last-error')),
            h('pre', { class: 'error' }, source.lastError),
          )
        : null,
      h(
        'div',
        { class: 'actions' },
        source.status === 'removed'
          ? act('resume', t('resume'))
          : [act('poll', t('poll-now')), act('pause', t('pause'), 'danger')],
      ),
    )
  }

  function renderSources(sources) {
    const view = document.getElementById('view-sources')
    view.replaceChildren(
      ...(sources.length ? sources.map(sourceCard) : [h('p', { class: 'hint' }, t('no-sources'))]),
    )
  }

  async function sourceAction(id, action) {
    try {
      const { sources } = await api(`/sources/${id}/${action}`, { method: 'POST' })
      renderSources(sources)
      haptic('success')
    } catch (error) {
      failed(error)
    }
  }

  // ---- Delivery ------------------------------------------------------------------------------------------------
  const charts = []
  function chart(target, buckets) {
    const css = getComputedStyle(document.body)
    const colour = (name) => css.getPropertyValue(name).trim()
    const xs = buckets.map((b) => b.at / 1000)
    const series = ['sent', 'failed', 'skipped']
    const colours = [colour('--ok'), colour('--danger'), colour('--hint')]
    const axis = {
      stroke: colour('--hint'),
      grid: { stroke: colour('--bg'), width: 1 },
      ticks: { stroke: colour('--bg') },
    }
    const options = {
      width: Math.max(280, target.clientWidth - 8),
      height: 180,
      series: [
        {},
        ...series.map((name, i) => ({
          label: t(name),
          stroke: colours[i],
          fill: `${colours[i]}33`,
          width: 1.5,
        })),
      ],
      axes: [axis, { ...axis, size: 40 }],
      scales: { x: { time: true } },
      legend: { live: false },
    }
    charts.push(new uPlot(options, [xs, ...series.map((name) => buckets.map((b) => b[name]))], target))
  }

  async function showDelivery() {
    const data = await api('/delivery')
    const view = document.getElementById('view-delivery')
    for (const c of charts.splice(0)) c.destroy()
    const hourly = h('div', { class: 'chart', id: 'chart-hourly' })
    const minutes = h('div', { class: 'chart', id: 'chart-minutes' })
    const sum = (buckets, key) => buckets.reduce((n, b) => n + b[key], 0)
    view.replaceChildren(
      h(
        'div',
        { class: 'figures' },
        h(
          'div',
          { class: 'figure' },
          h('strong', { id: 'queued' }, number(data.queued)),
          h('span', {}, t('queued')),
        ),
        h(
          'div',
          { class: 'figure' },
          h('strong', { id: 'rate' }, `${data.rate.now.toFixed(1)}/s`),
          h('span', {}, `${t('rate')} · ${t('rate-configured', { rate: data.rate.configured })}`),
        ),
      ),
      h('h2', {}, t('hourly')),
      h(
        'p',
        { class: 'hint', id: 'hourly-totals' },
        `${t('sent')} ${number(sum(data.hourly, 'sent'))} · ${t('failed')} ${number(sum(data.hourly, 'failed'))} · ${t('skipped')} ${number(sum(data.hourly, 'skipped'))}`,
      ),
      hourly,
      h('h2', {}, t('per-minute')),
      minutes,
      h('h2', {}, t('last-releases')),
      h(
        'table',
        { id: 'releases' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, ''),
            ...['targeted', 'sent', 'failed', 'still-queued', 'took'].map((k) => h('th', {}, t(k))),
          ),
        ),
        h(
          'tbody',
          {},
          data.releases.map((r) =>
            h(
              'tr',
              {},
              h('td', {}, r.title),
              h('td', { class: 'n' }, number(r.targeted)),
              h('td', { class: 'n' }, number(r.sent)),
              h('td', { class: 'n' }, number(r.failed)),
              h('td', { class: 'n' }, number(r.queued)),
              h(
                'td',
                { class: 'n' },
                r.publishedAt && r.lastSentAt ? duration(r.lastSentAt - r.publishedAt) : '–',
              ),
            ),
          ),
        ),
      ),
    )
    if (window.uPlot) {
      chart(hourly, data.hourly)
      chart(minutes, data.perMinute)
    }
  }

  const audienceCharts = []

  // ---- Audience ------------------------------------------------------------------------------------------------
  function countTable(id, title, rows, label) {
    return [
      h('h2', {}, title),
      h(
        'table',
        { id },
        h(
          'tbody',
          {},
          rows.map((row) => h('tr', {}, h('td', {}, label(row.key)), h('td', { class: 'n' }, number(row.n)))),
        ),
      ),
    ]
  }

  async function showAudience() {
    const data = await api('/audience')
    const view = document.getElementById('view-audience')
    for (const c of audienceCharts.splice(0)) c.destroy()
    let running = data.before
    const days = data.joined.map((d) => d.day / 1000)
    const totals = data.joined.map((d) => {
      running += d.chats
      return running
    })
    const active = data.byKind.reduce((n, row) => n + row.n, 0)
    const chartBox = h('div', { class: 'chart', id: 'chart-audience' })
    view.replaceChildren(
      h(
        'div',
        { class: 'figures' },
        h(
          'div',
          { class: 'figure' },
          h('strong', { id: 'active-chats' }, number(active)),
          h('span', {}, t('active-chats')),
        ),
        h(
          'div',
          { class: 'figure' },
          h('strong', { id: 'forum-topics' }, number(data.forumTopics)),
          h('span', {}, t('forum-topics')),
        ),
      ),
      h('h2', {}, t('joined')),
      chartBox,
      ...countTable('by-language', t('by-language'), data.byLanguage, (key) => key || t('no-language')),
      ...countTable('by-kind', t('by-kind'), data.byKind, (key) => t(`kind-${key}`)),
      ...countTable('by-mode', t('by-mode'), data.byMode, (key) => t(`mode-${key}`)),
      ...countTable('by-digest', t('by-digest'), data.byDigest, (key) => t(`digest-${key}`)),
      ...countTable(
        'top-topics',
        t('top-topics'),
        data.topTopics.map((topic) => ({ key: topic.name, n: topic.n })),
        (key) => key,
      ),
    )
    if (window.uPlot && days.length > 0) {
      const css = getComputedStyle(document.body)
      const colour = (name) => css.getPropertyValue(name).trim()
      const axis = {
        stroke: colour('--hint'),
        grid: { stroke: colour('--bg'), width: 1 },
        ticks: { stroke: colour('--bg') },
      }
      const options = {
        width: Math.max(280, chartBox.clientWidth - 8),
        height: 180,
        series: [
          {},
          { label: t('active-chats'), stroke: colour('--link'), fill: `${colour('--link')}33`, width: 1.5 },
        ],
        axes: [axis, { ...axis, size: 50 }],
        scales: { x: { time: true } },
        legend: { live: false },
      }
      audienceCharts.push(new uPlot(options, [days, totals], chartBox))
    }
  }

  // ---- Broadcast -----------------------------------------------------------------------------------------------
  let previewTimer
  let lastPreview = null
  let progressTimer

  function composed() {
    const form = document.getElementById('composer')
    const kind = form.querySelector('input[name="audience"]:checked').value
    const audience =
      kind === 'language'
        ? { kind, language: form.elements['audience-language'].value }
        : kind === 'topic'
          ? { kind, topic: form.elements.topic.value }
          : { kind }
    return { text: form.elements.text.value, language: form.elements.language.value, audience }
  }

  function renderComposer() {
    const view = document.getElementById('view-broadcast')
    if (view.childElementCount) return
    const languages = ['en', 'ru', 'az']
    const option = (code) => h('option', { value: code, selected: code === locale }, code)
    const radio = (value, label) =>
      h(
        'label',
        {},
        h('input', {
          type: 'radio',
          name: 'audience',
          value,
          checked: value === 'everyone',
          onchange: schedulePreview,
        }),
        label,
      )
    view.replaceChildren(
      h(
        'form',
        { id: 'composer', onsubmit: (event) => event.preventDefault() },
        h('label', { for: 'text' }, t('text')),
        h('textarea', { id: 'text', name: 'text', oninput: schedulePreview }),
        h('label', { for: 'language' }, t('language')),
        h('select', { id: 'language', name: 'language', onchange: schedulePreview }, languages.map(option)),
        h('label', {}, t('audience')),
        h(
          'fieldset',
          {},
          radio('everyone', t('audience-everyone')),
          radio('language', t('audience-language')),
          radio('topic', t('audience-topic')),
        ),
        h(
          'select',
          { id: 'audience-language', name: 'audience-language', hidden: true, onchange: schedulePreview },
          languages.map(option),
        ),
        h(
          'div',
          { id: 'audience-topic', hidden: true },
          h('label', { for: 'topic' }, t('topic')),
          h('input', { type: 'text', id: 'topic', name: 'topic', oninput: schedulePreview }),
        ),
      ),
      h('h2', {}, t('preview')),
      h('div', { class: 'chat' }, h('div', { class: 'bubble', id: 'preview' })),
      h('details', {}, h('summary', {}, t('preview-html')), h('pre', { id: 'preview-html' })),
      h('p', { id: 'reach', class: 'hint' }),
      h('p', { id: 'compose-problem', class: 'problem', role: 'alert' }),
      h(
        'button',
        { type: 'button', class: 'primary', id: 'send', disabled: true, onclick: askConfirm },
        t('send'),
      ),
      h(
        'div',
        { id: 'confirm', hidden: true },
        h('button', { type: 'button', class: 'primary', id: 'confirm-send', onclick: send }, ''),
        h(
          'button',
          { type: 'button', class: 'action', id: 'confirm-back', onclick: () => showConfirm(false) },
          t('back'),
        ),
      ),
      h(
        'div',
        { id: 'progress', hidden: true },
        h('p', { id: 'progress-title' }),
        h('progress', { id: 'progress-bar', max: 1, value: 0 }),
        h('p', { id: 'progress-counts', class: 'hint' }),
        h('button', { type: 'button', class: 'action danger', id: 'cancel', onclick: cancel }, t('cancel')),
      ),
    )
  }

  function schedulePreview() {
    const kind = document.querySelector('#composer input[name="audience"]:checked').value
    document.getElementById('audience-language').hidden = kind !== 'language'
    document.getElementById('audience-topic').hidden = kind !== 'topic'
    clearTimeout(previewTimer)
    showConfirm(false)
    previewTimer = setTimeout(preview, 300)
  }

  async function preview() {
    const body = composed()
    const problem = document.getElementById('compose-problem')
    const sendButton = document.getElementById('send')
    lastPreview = null
    sendButton.disabled = true
    if (!body.text.trim()) {
      document.getElementById('preview').replaceChildren()
      document.getElementById('preview-html').textContent = ''
      document.getElementById('reach').textContent = ''
      problem.textContent = ''
      return
    }
    try {
      const result = await api('/broadcast/preview', { method: 'POST', body })
      // The server's sanitised Telegram HTML: the exact text sendMessage will carry.
      document.getElementById('preview').innerHTML = result.html
      document.getElementById('preview-html').textContent = result.html
      document.getElementById('reach').textContent = t('reaches', { count: number(result.chats) })
      problem.textContent = ''
      lastPreview = { body, chats: result.chats }
      sendButton.disabled = false
    } catch (error) {
      if (error.status === 401 || error.status === 403) return refuse(error.message)
      problem.textContent = error.message
    }
  }

  function showConfirm(visible) {
    const confirm = document.getElementById('confirm')
    if (!confirm) return
    confirm.hidden = !visible
    document.getElementById('send').hidden = visible
    if (visible && lastPreview)
      document.getElementById('confirm-send').textContent = t('confirm', { count: number(lastPreview.chats) })
  }

  function askConfirm() {
    if (lastPreview) showConfirm(true)
  }

  async function send() {
    if (!lastPreview) return
    document.getElementById('confirm-send').disabled = true
    try {
      const { id } = await api('/broadcasts', { method: 'POST', body: lastPreview.body })
      showConfirm(false)
      document.getElementById('send').hidden = true
      document.getElementById('progress').hidden = false
      document.getElementById('progress').dataset.broadcast = id
      haptic('success')
      await followProgress(id)
    } catch (error) {
      document.getElementById('compose-problem').textContent = error.message
    } finally {
      document.getElementById('confirm-send').disabled = false
    }
  }

  function showProgress(state) {
    const p = state.progress
    const settled = p.sent + p.failed + p.skipped
    const total = settled + p.pending + p.sending
    document.getElementById('progress-title').textContent = t('progress', {
      id: state.id,
      status: state.status,
    })
    document.getElementById('progress').dataset.status = state.status
    const bar = document.getElementById('progress-bar')
    bar.max = Math.max(total, 1)
    bar.value = settled
    document.getElementById('progress-counts').textContent =
      `${t('sent')} ${number(p.sent)} · ${t('failed')} ${number(p.failed)} · ${t('skipped')} ${number(p.skipped)} · ${t('pending')} ${number(p.pending + p.sending)}`
    const running = state.status === 'confirmed' && p.pending + p.sending > 0
    document.getElementById('cancel').hidden = !running
    return running
  }

  async function followProgress(id) {
    clearTimeout(progressTimer)
    const state = await api(`/broadcasts/${id}`)
    if (showProgress(state)) progressTimer = setTimeout(() => followProgress(id).catch(failed), 1000)
  }

  async function cancel() {
    const id = document.getElementById('progress').dataset.broadcast
    clearTimeout(progressTimer)
    try {
      showProgress(await api(`/broadcasts/${id}/cancel`, { method: 'POST' }))
    } catch (error) {
      failed(error)
    }
  }

  // ---- Shell ---------------------------------------------------------------------------------------------------
  /**
   * Telegram's Mini App events, posted as its clients expect them (no telegram-web-app.js from a CDN): their web
   * views expose TelegramWebviewProxy; web.telegram.org frames the page and listens for messages. In a plain browser
   * tab there is no one to tell.
   */
  function postEvent(eventType, eventData = {}) {
    if (window.TelegramWebviewProxy)
      window.TelegramWebviewProxy.postEvent(eventType, JSON.stringify(eventData))
    else if (window.parent !== window)
      window.parent.postMessage(JSON.stringify({ eventType, eventData }), 'https://web.telegram.org')
  }

  function haptic(kind) {
    postEvent('web_app_trigger_haptic_feedback', { type: 'notification', notification_type: kind })
  }

  function failed(error) {
    if (error.status === 401 || error.status === 403) return refuse(error.message)
    setStatus(error.message)
  }

  async function show(view) {
    for (const button of document.querySelectorAll('#tabs button'))
      button.setAttribute('aria-current', button.dataset.view === view ? 'page' : 'false')
    for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${view}`
    setStatus('')
    try {
      if (view === 'sources') renderSources((await api('/sources')).sources)
      else if (view === 'delivery') await showDelivery()
      else if (view === 'audience') await showAudience()
      else renderComposer()
      document.body.dataset.view = view
    } catch (error) {
      failed(error)
    }
  }

  async function start() {
    try {
      const session = await api('/session')
      L = session.labels
      locale = session.locale
    } catch (error) {
      return refuse(error.message)
    }
    document.documentElement.lang = locale
    document.title = t('title')
    document.getElementById('title').textContent = t('title')
    for (const view of ['sources', 'delivery', 'audience', 'broadcast']) {
      const button = document.getElementById(`tab-${view}`)
      button.textContent = t(`tab-${view}`)
      button.addEventListener('click', () => show(view))
    }
    document.getElementById('tabs').hidden = false
    postEvent('web_app_ready')
    await show(new URLSearchParams(location.search).get('view') || 'sources')
  }

  setStatus('…')
  start()
})()
