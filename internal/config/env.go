package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
)

// DefaultEnvFile is the .env file read when neither ENV_FILE nor -env names
// one. It may be absent; a file named explicitly must exist.
const DefaultEnvFile = ".env"

// Env is the environment the bot reads its settings from: the process
// environment over a .env file, with secrets optionally read from files
// (NAME_FILE). A variable set in the process environment wins over the
// file even when it is empty ("FEEDS=" turns the .env feeds off).
type Env struct {
	lookup  func(string) (string, bool)
	file    map[string]string
	path    string            // the .env file read, "" if none
	secrets map[string]string // values read from NAME_FILE
	from    map[string]string // NAME → the NAME_FILE path it was read from
}

// EnvOptions says where Env finds its variables.
type EnvOptions struct {
	// Lookup reads the process environment (os.LookupEnv).
	Lookup func(string) (string, bool)
	// File is the .env file chosen on the command line (-env); empty: the
	// ENV_FILE variable, else DefaultEnvFile if it exists.
	File string
	// ReadFile reads .env and NAME_FILE files (default os.ReadFile).
	ReadFile func(string) ([]byte, error)
}

// NewEnv reads the .env file and every NAME_FILE secret. It reports every
// problem at once: a malformed .env line (file, line and problem), a
// missing file named by -env, ENV_FILE or a NAME_FILE, a secret given both
// directly and as a file. No secret's value appears in an error.
func NewEnv(o EnvOptions) (*Env, error) {
	if o.Lookup == nil {
		o.Lookup = func(string) (string, bool) { return "", false }
	}
	if o.ReadFile == nil {
		o.ReadFile = os.ReadFile
	}
	e := &Env{lookup: o.Lookup, secrets: map[string]string{}, from: map[string]string{}}
	path, explicit := o.File, o.File != ""
	if !explicit {
		if v, _ := o.Lookup("ENV_FILE"); v != "" {
			path, explicit = v, true
		} else {
			path = DefaultEnvFile
		}
	}
	var errs []error
	data, err := o.ReadFile(path)
	switch {
	case err == nil:
		vals, err := ParseDotEnv(path, string(data))
		if err != nil {
			return nil, err // its lines are the problem; nothing else is checked
		}
		e.file, e.path = vals, path
	case errors.Is(err, fs.ErrNotExist) && !explicit:
	default:
		errs = append(errs, fmt.Errorf("env file: %w", err))
	}
	for _, k := range Keys {
		if !k.Secret {
			continue
		}
		fileName := k.Name + "_FILE"
		p := e.layered(fileName)
		if p == "" {
			continue
		}
		if e.layered(k.Name) != "" {
			errs = append(errs, fmt.Errorf("%s and %s are both set: keep one", k.Name, fileName))
			continue
		}
		b, err := o.ReadFile(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", fileName, err))
			continue
		}
		e.secrets[k.Name] = strings.TrimRight(string(b), "\r\n")
		e.from[k.Name] = p
	}
	return e, errors.Join(errs...)
}

// layered is the process environment over the .env file.
func (e *Env) layered(name string) string {
	if v, ok := e.lookup(name); ok {
		return v
	}
	return e.file[name]
}

// Get returns a variable's value: a secret read from its NAME_FILE, else
// the process environment's value (even empty), else the .env file's.
func (e *Env) Get(name string) string {
	if v, ok := e.secrets[name]; ok {
		return v
	}
	return e.layered(name)
}

// Path is the .env file that was read, or "" when none was.
func (e *Env) Path() string { return e.path }

// Source says where a variable's value comes from: "environment", the .env
// file's path, "file <path>" (NAME_FILE) or "default".
func (e *Env) Source(name string) string {
	if p, ok := e.from[name]; ok {
		return "file " + p
	}
	if v, ok := e.lookup(name); ok && v != "" {
		return "environment"
	} else if ok {
		return "environment (empty: default)"
	}
	if v := e.file[name]; v != "" {
		return e.path
	}
	return "default"
}

// Setting is one line of the effective configuration.
type Setting struct {
	Name, Value, Source string
	Secret              bool
}

// Effective lists every setting with the value the bot uses (secrets
// masked, see Mask) and where it comes from.
func Effective(e *Env) []Setting {
	out := make([]Setting, 0, len(Keys))
	for _, k := range Keys {
		v := strings.TrimSpace(e.Get(k.Name))
		src := e.Source(k.Name)
		if v == "" {
			v = k.Default
			if src != "default" && !strings.HasPrefix(src, "environment") {
				src = "default"
			}
		}
		if k.Secret {
			v = Mask(v)
		}
		out = append(out, Setting{Name: k.Name, Value: v, Source: src, Secret: k.Secret})
	}
	return out
}

// Mask hides a secret: empty stays empty, a URL keeps everything but its
// password, anything else becomes "********".
func Mask(v string) string {
	if v == "" {
		return ""
	}
	if u, err := url.Parse(v); err == nil && u.Scheme != "" && u.Host != "" {
		if _, has := u.User.Password(); has {
			return u.Redacted()
		}
		if u.User == nil && u.RawQuery == "" {
			return v // a URL without credentials (a proxy address) is not secret
		}
		u.User, u.RawQuery = nil, ""
		return u.String() + " (credentials hidden)"
	}
	return "********"
}
