package web

// Blocked reports true: the connection was refused because its address is
// private or local. Packages that may not import this one (the feeds
// adapter) recognise the error by this method with errors.As.
func (e *BlockedAddressError) Blocked() bool { return true }
