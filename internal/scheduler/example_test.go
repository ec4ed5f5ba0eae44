package scheduler_test

import (
	"fmt"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/scheduler"
)

func ExampleNextRun() {
	s := digest.Schedule{ID: 7, Topics: []string{"energy"}, Hour: 2, Minute: 30, TimeZone: "America/New_York"}
	after := time.Date(2026, 3, 7, 12, 0, 0, 0, time.UTC)
	for range 3 {
		next, err := scheduler.NextRun(s, after)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(scheduler.RunKey(s.ID, scheduler.LocalDate(s, next)), next.In(time.UTC).Format(time.RFC3339), next.Format("15:04 MST"))
		after = next
	}
	// Output:
	// sched-7-2026-03-08 2026-03-08T07:00:00Z 03:00 EDT
	// sched-7-2026-03-09 2026-03-09T06:30:00Z 02:30 EDT
	// sched-7-2026-03-10 2026-03-10T06:30:00Z 02:30 EDT
}
