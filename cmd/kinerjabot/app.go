package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// settingBotUsername is where the bot remembers its username from getMe, so
// that offline commands (invite, survey-link) can build deep links.
const settingBotUsername = "bot_username"

// openStore opens the configured database, applying migrations.
func (a *app) openStore(ctx context.Context) (*storage.DB, error) {
	db, err := storage.Open(ctx, a.cfg.Database)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", a.cfg.Database, err)
	}
	return db, nil
}

// openExisting opens the configured database for a command that reads it:
// a database that does not exist (a mistyped KINERJA_DB) is refused with a
// message in the configured language instead of being created empty.
func (a *app) openExisting(ctx context.Context) (*storage.DB, error) {
	db, err := storage.OpenExisting(ctx, a.cfg.Database)
	if err != nil {
		if kinerja.ErrorCode(err) == kinerja.ENotFound {
			return nil, errors.New(a.userMessage(err))
		}
		return nil, fmt.Errorf("database %s: %w", a.cfg.Database, err)
	}
	return db, nil
}

// openCreating opens the database for a command that may create it (an
// import), and returns discard for the command to call when it fails: a
// SQLite file this command created is closed and removed again, so a
// failed first import leaves no database behind. discard does nothing to
// a database that existed before.
func (a *app) openCreating(ctx context.Context) (db *storage.DB, discard func(), err error) {
	path := strings.TrimPrefix(a.cfg.Database, "sqlite:")
	path, _, _ = strings.Cut(path, "?")
	_, statErr := os.Stat(path)
	created := !strings.Contains(a.cfg.Database, "://") && os.IsNotExist(statErr)
	if db, err = a.openStore(ctx); err != nil {
		return nil, nil, err
	}
	discard = func() {}
	if created {
		discard = func() {
			db.Close()
			for _, f := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
				os.Remove(f)
			}
		}
	}
	return db, discard, nil
}

// botConfig turns the configuration into the bot's.
func (a *app) botConfig() bot.Config {
	return bot.Config{
		Location:    a.cfg.Location(),
		DefaultLang: a.cfg.lang,
		BotUsername: a.cfg.Telegram.Username,
		InviteTTL:   time.Duration(a.cfg.InviteTTLDays) * 24 * time.Hour,
		SessionIdle: time.Duration(a.cfg.SessionIdleMin) * time.Minute,
	}
}

// deps is what the features need without a chat; db may be nil for a
// command that only lists.
func (a *app) deps(db kinerja.Store) bot.Deps {
	cfg := a.botConfig()
	return bot.Deps{Store: db, Now: a.now, Location: cfg.Location, DefaultLang: cfg.DefaultLang, Log: a.log}.WithDefaults()
}

// username returns the bot's username for deep links: from the
// configuration, or as the bot last learnt it from Telegram.
func (a *app) username(ctx context.Context, db *storage.DB) (string, error) {
	if name := a.botConfig().BotUsername; name != "" {
		return name, nil
	}
	name, ok, err := db.Setting(ctx, settingBotUsername)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", errors.New("the bot's username is unknown: set telegram.username in the configuration, or run the bot once so it learns it from Telegram")
	}
	return name, nil
}

// unitStaff returns the staff of a unit, printing why when the unit is
// unknown or the roster cannot be read.
func (a *app) unitStaff(ctx context.Context, db *storage.DB, unit string) ([]*kinerja.Staff, bool) {
	if unit != "" {
		if _, err := db.Unit(ctx, unit); err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
			return nil, false
		}
	}
	staff, err := db.ListStaff(ctx, kinerja.StaffFilter{UnitCode: unit})
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return nil, false
	}
	return staff, true
}

// validFormat checks an export --format value, printing what is allowed.
func (a *app) validFormat(format string) bool {
	if format == "csv" || format == "xlsx" {
		return true
	}
	fmt.Fprintf(a.stderr, "kinerjabot: --format %q: use csv or xlsx\n", format)
	return false
}

// userMessage renders an error for an operator: a domain error in the
// configured language, anything else as is.
func (a *app) userMessage(err error) string {
	if key, args := kinerja.ErrorKey(err); key != "" {
		return bot.T(a.cfg.lang, key, args...)
	}
	return err.Error()
}
