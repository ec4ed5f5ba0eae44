package postgres

import (
	"testing"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/storetest"
	"github.com/newsdigest/bot/internal/testutil/pgtest"
)

func TestRetentionConformance(t *testing.T) {
	pgtest.ServerURL(t)
	storetest.RunRetention(t, func(t *testing.T) digest.Store { return openTest(t) })
}
