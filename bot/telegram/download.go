package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ErrTooLarge is returned (wrapped) by Download for a file above the limit.
var ErrTooLarge = errors.New("file too large")

// Download fetches a file a user sent, refusing it if Telegram reports it
// larger than limit bytes, and stopping if the body turns out larger anyway.
// The file URL is derived from the configured endpoint, unlike the library's
// GetFileDirectURL, so self-hosted Bot API servers and the fake work.
func (c *Client) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	var f tgbotapi.File
	err := c.do(ctx, "getFile", 0, func(api *tgbotapi.BotAPI) error {
		var err error
		f, err = api.GetFile(tgbotapi.FileConfig{FileID: fileID})
		return err
	})
	if err != nil {
		return nil, err
	}
	if int64(f.FileSize) > limit {
		return nil, fmt.Errorf("telegram: download %s: %d bytes over the limit of %d: %w", fileID, f.FileSize, limit, ErrTooLarge)
	}
	if f.FilePath == "" {
		return nil, fmt.Errorf("telegram: download %s: Telegram gave no file path", fileID)
	}
	u := fmt.Sprintf(c.fileEndpoint, c.cfg.Token, f.FilePath)
	var data []byte
	err = c.do(ctx, "download", 0, func(api *tgbotapi.BotAPI) error {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		resp, err := api.Client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			// Shaped like an API error so that classify retries 5xx only.
			return &tgbotapi.Error{Code: resp.StatusCode, Message: resp.Status}
		}
		data, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
		return err
	})
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("telegram: download %s: body over the limit of %d bytes: %w", fileID, limit, ErrTooLarge)
	}
	return data, nil
}
