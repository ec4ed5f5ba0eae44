// Package metrics keeps the bot's Prometheus metrics: feed polls, ingest
// outcomes, command latency, scheduled digests, scheduler lag and store
// size. It implements the small reporting interfaces the core and the
// adapters define (digest.IngestMetrics, feeds.Metrics, scheduler.Metrics),
// so they never import Prometheus, and serves /metrics from a registry of
// its own (no global state).
//
// Label values come from closed sets (outcomes, platforms, command verbs)
// so the number of series stays bounded; no URL, channel or user id is a
// label.
package metrics

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/newsdigest/bot/internal/adapters/feeds"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/scheduler"
)

const namespace = "newsbot"

// Metrics is the bot's set of metrics. Its methods are safe for concurrent
// use.
type Metrics struct {
	reg        *prometheus.Registry
	feedPolls  *prometheus.CounterVec
	ingested   *prometheus.CounterVec
	commands   *prometheus.HistogramVec
	cmdErrors  *prometheus.CounterVec
	digestRuns *prometheus.CounterVec
	lag        prometheus.Histogram
	pruned     *prometheus.CounterVec
}

var (
	_ digest.IngestMetrics = (*Metrics)(nil)
	_ feeds.Metrics        = (*Metrics)(nil)
	_ scheduler.Metrics    = (*Metrics)(nil)
)

// New returns a Metrics with every series of known label values at zero,
// plus the Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		feedPolls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "feed_polls_total",
			Help: "Feed polls by outcome: new_items, no_change (including 304 Not Modified) or error.",
		}, []string{"outcome"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "articles_ingested_total",
			Help: "Articles handed to ingest by outcome: new_story and joined_story were stored, duplicate was dropped, failed was not stored.",
		}, []string{"outcome"}),
		commands: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "command_duration_seconds",
			Help:    "Time to answer a command in the core (search, digest, store), by platform and command.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"platform", "command"}),
		cmdErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "command_errors_total",
			Help: "Commands answered with an error, by platform, command and error code (usage, not_found, forbidden, unavailable, internal).",
		}, []string{"platform", "command", "code"}),
		digestRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "digest_runs_total",
			Help: "Scheduled digest attempts by outcome: posted, already_posted (found on the platform, skipped as a duplicate) or failed.",
		}, []string{"outcome"}),
		lag: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace, Name: "scheduler_lag_seconds",
			Help:    "How long after its scheduled time a digest attempt ended.",
			Buckets: []float64{.1, .5, 1, 5, 15, 60, 300, 900, 3600, 6 * 3600},
		}),
		pruned: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "retention_pruned_total",
			Help: "Rows removed by retention, by kind (articles, quotes, stories).",
		}, []string{"kind"}),
	}
	m.reg.MustRegister(m.feedPolls, m.ingested, m.commands, m.cmdErrors, m.digestRuns, m.lag, m.pruned,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, o := range []string{feeds.PollNewItems, feeds.PollNoChange, feeds.PollFailed} {
		m.feedPolls.WithLabelValues(o)
	}
	for _, o := range []string{digest.IngestNewStory, digest.IngestJoinedStory, digest.IngestDuplicate, digest.IngestFailed} {
		m.ingested.WithLabelValues(o)
	}
	for _, o := range []string{scheduler.RunPosted, scheduler.RunAlreadyPosted, scheduler.RunFailed} {
		m.digestRuns.WithLabelValues(o)
	}
	for _, k := range []string{"articles", "quotes", "stories"} {
		m.pruned.WithLabelValues(k)
	}
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is the registry behind Handler (tests gather it).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// FeedPolled counts one poll (feeds.Metrics).
func (m *Metrics) FeedPolled(outcome string) { m.feedPolls.WithLabelValues(outcome).Inc() }

// ArticleIngested counts one ingest (digest.IngestMetrics).
func (m *Metrics) ArticleIngested(outcome string) { m.ingested.WithLabelValues(outcome).Inc() }

// DigestRun counts one scheduled delivery attempt and its lag
// (scheduler.Metrics).
func (m *Metrics) DigestRun(outcome string, lag time.Duration) {
	m.digestRuns.WithLabelValues(outcome).Inc()
	m.lag.Observe(max(lag, 0).Seconds())
}

// Pruned counts rows removed by retention.
func (m *Metrics) Pruned(kind string, n int64) { m.pruned.WithLabelValues(kind).Add(float64(n)) }

// CommandDone records one command's latency, and its error code if it
// failed.
func (m *Metrics) CommandDone(platform, command string, took time.Duration, err error) {
	m.commands.WithLabelValues(platform, command).Observe(took.Seconds())
	if err != nil {
		code := string(digest.ErrorCodeOf(err))
		if code == "" {
			code = string(digest.CodeInternal)
		}
		m.cmdErrors.WithLabelValues(platform, command, code).Inc()
	}
}

// StoreSize registers the store size gauge: size is called at each scrape
// (with a 2-second deadline); a failure is logged and the series left out.
func (m *Metrics) StoreSize(size func(ctx context.Context) (int64, error), log *slog.Logger) {
	m.reg.MustRegister(&sizeCollector{size: size, log: log, desc: prometheus.NewDesc(
		namespace+"_store_size_bytes", "Bytes the store's database takes (SQLite: file pages; PostgreSQL: tables and indexes).", nil, nil)})
}

type sizeCollector struct {
	size func(ctx context.Context) (int64, error)
	log  *slog.Logger
	desc *prometheus.Desc
}

func (c *sizeCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *sizeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	n, err := c.size(ctx)
	if err != nil {
		if c.log != nil && !errors.Is(err, context.Canceled) {
			c.log.Warn("metrics: store size", logattr.Err(err))
		}
		return
	}
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n))
}
