'use strict';
// A grammY bot that does what kinerjabot does on its SKM survey path, built
// the way grammY's documentation recommends for load: @grammyjs/runner with
// per-chat sequentialize, better-sqlite3 in WAL mode, one SQLite transaction
// per update that also records the update id (a redelivered update changes
// nothing twice). It is the baseline of scripts/bench/compare.sh.
//
// Environment:
//   BOT_TOKEN      bot token (required)
//   BOT_API_ROOT   Bot API root without a trailing slash (default
//                  https://api.telegram.org; requests go to
//                  <root>/bot<token>/<method>)
//   BOT_DB         SQLite file (default ./grammy-bench.db)
//   BOT_UNIT       the unit every deep link opens (default PKM-TGR)
//   BOT_UNIT_NAME  its display name (default: the code)

const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');
const { Bot, GrammyError, InlineKeyboard } = require('grammy');
const { run, sequentialize } = require('@grammyjs/runner');

const token = process.env.BOT_TOKEN;
if (!token) {
  console.error('bot.js: BOT_TOKEN is required');
  process.exit(2);
}
const apiRoot = process.env.BOT_API_ROOT || 'https://api.telegram.org';
const unitCode = process.env.BOT_UNIT || 'PKM-TGR';
const unitName = process.env.BOT_UNIT_NAME || unitCode;
const suggestionMax = 500;

// ---- questionnaire ----------------------------------------------------------

// The nine SKM questions in Bahasa Indonesia, from kinerjabot's own
// questionnaire when the repository is around (same wording, same message
// sizes), else generic ones.
function loadQuestions() {
  const file = path.join(__dirname, '..', '..', '..', 'bot', 'survey', 'questionnaire.json');
  try {
    const q = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (Array.isArray(q.unsur) && q.unsur.length === 9) {
      return q.unsur.map((u) => ({ name: u.name.id, text: u.question.id, answers: u.answers.map((a) => a.id) }));
    }
  } catch (_) {
    // fall through
  }
  const answers = ['Tidak baik', 'Kurang baik', 'Baik', 'Sangat baik'];
  return Array.from({ length: 9 }, (_, i) => ({
    name: `Unsur ${i + 1}`,
    text: `Bagaimana pendapat Anda tentang unsur pelayanan nomor ${i + 1}?`,
    answers,
  }));
}
const questions = loadQuestions();
const N = questions.length;

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const header = `<b>Survei Kepuasan Masyarakat</b> · ${esc(unitName)}`;
const texts = {
  greeting: `Halo! 👋 Terima kasih telah menggunakan layanan <b>${esc(unitName)}</b>.\n\n` +
    `Mohon bantu kami dengan menilai pelayanan hari ini: ${N} pertanyaan singkat, cukup tekan tombol jawaban. ` +
    'Penilaian Anda <b>anonim</b>: nama dan akun Telegram Anda tidak disimpan.',
  noPayload: 'Halo! Pindai kode QR di loket layanan untuk mengisi Survei Kepuasan Masyarakat.',
  suggestion: `${header}\n\n<b>Saran (boleh dilewati)</b>\nTulis saran atau masukan Anda dalam satu pesan, ` +
    `paling banyak ${suggestionMax} karakter. Atau tekan <b>Lewati</b>.`,
  thanks: `🙏 Terima kasih atas partisipasi Anda! Penilaian Anda untuk <b>${esc(unitName)}</b> sudah kami terima.`,
  cancelled: 'Survei dibatalkan. Jawaban Anda tidak disimpan.',
  expired: 'Survei ini sudah berakhir.',
  tooLong: (n) => `Saran Anda terlalu panjang (${n} karakter); paling banyak ${suggestionMax} karakter. ` +
    'Silakan persingkat lalu kirim lagi, atau tekan <b>Lewati</b>.',
};

// Question n (1-based): one answer per row, 1 to 4 in order, then the
// navigation row (ignored by the load's citizens, as by kinerjabot's).
function questionView(n) {
  const q = questions[n - 1];
  const kb = new InlineKeyboard();
  q.answers.forEach((label, i) => kb.text(`${i + 1} · ${label}`, `q:${n}:${i + 1}`).row());
  if (n > 1) kb.text('« Kembali', 'back');
  kb.text('✖️ Batal', 'cancel');
  const text = `${header}\n\n<b>Pertanyaan ${n} dari ${N}</b> · ${esc(q.name)}\n${esc(q.text)}`;
  return { text, kb };
}

function suggestionView() {
  return { text: texts.suggestion, kb: new InlineKeyboard().text('Lewati ➡️', 'skip').row().text('« Kembali', 'back') };
}

// step 1..N is question n; N+1 is the suggestion prompt.
const stepView = (step) => (step <= N ? questionView(step) : suggestionView());

// ---- storage ------------------------------------------------------------------

const db = new Database(process.env.BOT_DB || path.join(process.cwd(), 'grammy-bench.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 10000');
db.pragma('foreign_keys = ON');
db.exec(`
CREATE TABLE IF NOT EXISTS processed_updates (
  update_id INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  chat_id    INTEGER PRIMARY KEY,
  unit       TEXT    NOT NULL,
  payload    TEXT    NOT NULL,
  step       INTEGER NOT NULL,
  answers    TEXT    NOT NULL,
  prompt_id  INTEGER,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS responses (
  id         INTEGER PRIMARY KEY,
  unit       TEXT    NOT NULL,
  payload    TEXT    NOT NULL,
  day        TEXT    NOT NULL,
  a1 INTEGER NOT NULL, a2 INTEGER NOT NULL, a3 INTEGER NOT NULL,
  a4 INTEGER NOT NULL, a5 INTEGER NOT NULL, a6 INTEGER NOT NULL,
  a7 INTEGER NOT NULL, a8 INTEGER NOT NULL, a9 INTEGER NOT NULL,
  suggestion TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS responses_unit_day ON responses (unit, day);
`);

const st = {
  seen: db.prepare('SELECT 1 FROM processed_updates WHERE update_id = ?').pluck(),
  mark: db.prepare('INSERT INTO processed_updates (update_id, at) VALUES (?, ?)'),
  prune: db.prepare('DELETE FROM processed_updates WHERE at < ?'),
  session: db.prepare('SELECT step, answers, unit, payload, prompt_id FROM sessions WHERE chat_id = ?'),
  start: db.prepare(`INSERT INTO sessions (chat_id, unit, payload, step, answers, prompt_id, started_at, updated_at)
    VALUES (?, ?, ?, 1, '', NULL, ?, ?)
    ON CONFLICT (chat_id) DO UPDATE SET unit = excluded.unit, payload = excluded.payload, step = 1,
      answers = '', prompt_id = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at`),
  advance: db.prepare('UPDATE sessions SET step = ?, answers = ?, prompt_id = ?, updated_at = ? WHERE chat_id = ?'),
  end: db.prepare('DELETE FROM sessions WHERE chat_id = ?'),
  respond: db.prepare(`INSERT INTO responses (unit, payload, day, a1, a2, a3, a4, a5, a6, a7, a8, a9, suggestion, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
};

// once runs fn(now) and records the update as handled in one transaction; a
// redelivered update (already recorded) runs nothing and yields null.
const once = db.transaction((updateId, fn) => {
  if (st.seen.get(updateId)) return null;
  const now = Date.now();
  const out = fn(now);
  st.mark.run(updateId, now);
  return out;
});

function saveResponse(chatId, s, suggestion, now) {
  const a = Array.from(s.answers, Number);
  const day = new Date(now).toISOString().slice(0, 10);
  st.respond.run(s.unit, s.payload, day, ...a, suggestion, now);
  st.end.run(chatId);
}

// Handled marks older than a day can go: Telegram keeps an update at most 24 h.
setInterval(() => st.prune.run(Date.now() - 24 * 3600 * 1000), 10 * 60 * 1000).unref();

// ---- bot ------------------------------------------------------------------------

const bot = new Bot(token, { client: { apiRoot } });
const html = { parse_mode: 'HTML' };

// Updates of one chat run one after another, chats run concurrently.
bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));

// An edit that changes nothing (a repeated press) is not an error.
async function edit(ctx, view) {
  try {
    await ctx.editMessageText(view.text, view.kb ? { ...html, reply_markup: view.kb } : html);
  } catch (e) {
    if (!(e instanceof GrammyError && /message is not modified/.test(e.description))) throw e;
  }
}

bot.command('start', async (ctx) => {
  const payload = ctx.match.trim();
  const started = once(ctx.update.update_id, (now) => {
    if (!payload) return false;
    st.start.run(ctx.chat.id, unitCode, payload, now, now);
    return true;
  });
  if (started === null) return;
  if (!started) {
    await ctx.reply(texts.noPayload);
    return;
  }
  await ctx.reply(texts.greeting, html);
  const v = questionView(1);
  await ctx.reply(v.text, { ...html, reply_markup: v.kb });
});

// A press on an answer: record it and show the next step in place.
bot.callbackQuery(/^q:(\d+):([1-4])$/, async (ctx) => {
  const n = Number(ctx.match[1]);
  const v = ctx.match[2];
  const next = once(ctx.update.update_id, (now) => {
    const s = st.session.get(ctx.chat.id);
    if (!s) return { expired: true };
    if (s.step !== n) return {}; // an older message's button: already answered
    const step = n + 1;
    st.advance.run(step, s.answers + v, ctx.callbackQuery.message?.message_id ?? null, now, ctx.chat.id);
    return { view: stepView(step) };
  });
  await Promise.all([ctx.answerCallbackQuery(), next?.view && edit(ctx, next.view), next?.expired && edit(ctx, { text: texts.expired })]);
});

bot.callbackQuery('back', async (ctx) => {
  const next = once(ctx.update.update_id, (now) => {
    const s = st.session.get(ctx.chat.id);
    if (!s || s.step <= 1) return null;
    const step = s.step - 1;
    st.advance.run(step, s.answers.slice(0, step - 1), ctx.callbackQuery.message?.message_id ?? null, now, ctx.chat.id);
    return stepView(step);
  });
  await Promise.all([ctx.answerCallbackQuery(), next && edit(ctx, next)]);
});

bot.callbackQuery('cancel', async (ctx) => {
  const ended = once(ctx.update.update_id, () => st.end.run(ctx.chat.id).changes > 0);
  await Promise.all([ctx.answerCallbackQuery(), ended && edit(ctx, { text: texts.cancelled })]);
});

// Lewati: the response is stored and the session ends in one transaction.
bot.callbackQuery('skip', async (ctx) => {
  const done = once(ctx.update.update_id, (now) => {
    const s = st.session.get(ctx.chat.id);
    if (!s || s.step !== N + 1) return false;
    saveResponse(ctx.chat.id, s, null, now);
    return true;
  });
  await Promise.all([ctx.answerCallbackQuery(), done && edit(ctx, { text: texts.thanks })]);
});

// Any other button (an older survey's) is answered, so it does not spin.
bot.on('callback_query:data', (ctx) => ctx.answerCallbackQuery());

// A text at the suggestion prompt is the suggestion.
bot.on('message:text', async (ctx) => {
  const text = ctx.message.text.trim();
  const r = once(ctx.update.update_id, (now) => {
    const s = st.session.get(ctx.chat.id);
    if (!s || s.step !== N + 1 || !text || text.startsWith('/')) return null;
    if (text.length > suggestionMax) return { tooLong: text.length };
    saveResponse(ctx.chat.id, s, text, now);
    return { promptId: s.prompt_id };
  });
  if (!r) return;
  if (r.tooLong) {
    await ctx.reply(texts.tooLong(r.tooLong), html);
  } else if (r.promptId) {
    await ctx.api.editMessageText(ctx.chat.id, r.promptId, texts.thanks, html);
  } else {
    await ctx.reply(texts.thanks, html);
  }
});

bot.catch((err) => console.error(`bot.js: update ${err.ctx.update.update_id}:`, err.error));

// ---- run --------------------------------------------------------------------

const runner = run(bot);

let stopping = false;
async function shutdown(sig) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => {
    console.error(`bot.js: ${sig}: updates still running after 5 s, exiting`);
    db.close();
    process.exit(1);
  }, 5000);
  force.unref();
  if (runner.isRunning()) await runner.stop();
  db.close();
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
