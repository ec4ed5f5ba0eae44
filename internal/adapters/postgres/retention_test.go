package postgres

import (
	"testing"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/storetest"
)

func TestRetentionConformance(t *testing.T) {
	serverURL(t)
	storetest.RunRetention(t, func(t *testing.T) digest.Store { return openTest(t) })
}
