package discordbot

import (
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
)

func TestCommandTextFeedsEditPreview(t *testing.T) {
	tests := []struct {
		name   string
		data   discordgo.ApplicationCommandInteractionData
		want   string
		manage bool // the parsed command changes the server's settings
	}{
		{"feeds add", discordgo.ApplicationCommandInteractionData{Name: "feeds", Options: subcommand("add", option("url", "https://example.org/rss"))}, "/feeds add https://example.org/rss", true},
		{"feeds list", discordgo.ApplicationCommandInteractionData{Name: "feeds", Options: subcommand("list")}, "/feeds list", false},
		{"feeds remove", discordgo.ApplicationCommandInteractionData{Name: "feeds", Options: subcommand("remove", option("id", 2.0))}, "/feeds remove 2", true},
		{"digest add filters", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("add", option("topics", "mexico"), option("time", "08:00"),
			option("filters", "lang:es exclude:football"))}, "/digest add mexico at 08:00 lang:es exclude:football", true},
		{"digest edit", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("edit", option("id", 3.0), option("time", "09:15"),
			option("timezone", "cet"), option("max", 4.0), option("filters", "sources:own"))}, "/digest edit 3 at 09:15 cet max 4 sources:own", true},
		{"digest preview", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("preview", option("id", 3.0))}, "/digest preview 3", false},
		{"help about", discordgo.ApplicationCommandInteractionData{Name: "help", Options: []*discordgo.ApplicationCommandInteractionDataOption{option("command", "feeds")}}, "/help feeds", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := commandText(tt.data)
			if err != nil || got != tt.want {
				t.Fatalf("commandText = %q, %v; want %q", got, err, tt.want)
			}
			cmd, err := digest.ParseCommand(got)
			if err != nil {
				t.Fatalf("ParseCommand(%q): %v", got, err)
			}
			if manages(cmd) != tt.manage {
				t.Errorf("manages(%q) = %v, want %v", got, manages(cmd), tt.manage)
			}
		})
	}
}
