package bot

// PayloadPattern exposes what Telegram allows in a /start payload to the
// external tests, which check that an invitation code fits it.
var PayloadPattern = payloadPattern
