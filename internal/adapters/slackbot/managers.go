package slackbot

import "slices"

// mayManage reports whether user may add, change and remove feeds and
// digests: everyone when Config.Managers is empty (Slack gives a bot no
// workspace roles to check), else the listed users only.
func (a *Adapter) mayManage(user string) bool {
	return len(a.cfg.Managers) == 0 || slices.Contains(a.cfg.Managers, user)
}
