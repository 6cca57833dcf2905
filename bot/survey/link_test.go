package survey

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"testing"
)

// A card that cannot be kept (its file cannot be written) leaves no link;
// a kept card is the link's QR.
func TestCreateSurveyLinkCardStoresTheLinkOnlyWithItsCard(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	ctx := context.Background()
	diskFull := errors.New("no space left on device")
	if _, _, err := h.f.CreateSurveyLinkCard(ctx, "PKM-TGR", "", func([]byte) error { return diskFull }); !errors.Is(err, diskFull) {
		t.Fatalf("err = %v, want the keeper's", err)
	}
	if links, _, err := h.f.SurveyLinks(ctx, ""); err != nil || len(links) != 0 {
		t.Fatalf("links after a card that could not be kept: %v %v", links, err)
	}
	var kept []byte
	l, link, err := h.f.CreateSurveyLinkCard(ctx, "PKM-TGR", nipBudi, func(card []byte) error { kept = card; return nil })
	if err != nil || link != "https://t.me/KinerjaSolokBot?start="+l.Payload {
		t.Fatalf("%v %q", err, link)
	}
	if _, err := png.Decode(bytes.NewReader(kept)); err != nil {
		t.Fatalf("card is not a PNG: %v", err)
	}
	if links, _, _ := h.f.SurveyLinks(ctx, "PKM-TGR"); len(links) != 1 || links[0].Payload != l.Payload || links[0].Revoked() {
		t.Fatalf("links: %+v", links)
	}
}
