package main

import (
	"context"
	"errors"
	"fmt"
)

// samplesCmd is `bot samples remove`: it deletes the bundled sample
// articles. They are hidden from answers anyway once real articles are
// stored; this takes them out of the store.
func (a *app) samplesCmd(ctx context.Context, args []string) error {
	if len(args) != 1 || args[0] != "remove" {
		return errors.New("usage: bot samples remove")
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := a.service(st, nil).RemoveSamples(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "removed %d sample articles\n", n)
	if a.cfg.LoadSamples {
		fmt.Fprintln(a.stdout, "A store left empty gets them again at the next start; set LOAD_SAMPLES=false to stop that.")
	}
	return nil
}

// configuredFeeds is how many feeds the operator configured, for the
// Service's notice while no source works: FEEDS, and at least one for a
// FEEDS_FILE (read by the bot loop, not here).
func (a *app) configuredFeeds() int {
	n := len(a.cfg.Feeds)
	if a.cfg.FeedsFile != "" {
		n++
	}
	return n
}
