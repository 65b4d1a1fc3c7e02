package statestore

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"k8s.io/utils/clock"

	buildversion "github.com/drydock-sandbox/drydock/internal/version"
)

// Environment variables naming the state store, in order of preference.
const (
	EnvState     = "DRYDOCK_STATE"
	EnvKopsState = "KOPS_STATE_STORE"
)

// Resolve picks the state store URL: the --state flag, then
// $DRYDOCK_STATE, then $KOPS_STATE_STORE. getenv is os.Getenv in
// production.
func Resolve(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	for _, env := range []string{EnvState, EnvKopsState} {
		if v := getenv(env); v != "" {
			return v, nil
		}
	}
	return "", errors.New("no state store: pass --state s3://BUCKET/PREFIX or --state file:///DIR, or set DRYDOCK_STATE (or KOPS_STATE_STORE)")
}

// Store is a state store: clusters in kOps' object layout on a Backend.
type Store struct {
	url     string
	b       Backend
	clock   clock.PassiveClock
	rand    io.Reader
	version string
}

type options struct {
	awsConfig *aws.Config
	s3Options []func(*s3.Options)
	clock     clock.PassiveClock
	rand      io.Reader
	version   string
	wrap      func(Backend) Backend
}

// Option configures Open.
type Option func(*options)

// WithAWSConfig gives the AWS configuration of an s3:// store (required
// for s3://).
func WithAWSConfig(cfg aws.Config) Option { return func(o *options) { o.awsConfig = &cfg } }

// WithS3Options adjusts the S3 client. Path-style addressing is the
// default when the config has a BaseEndpoint.
func WithS3Options(fns ...func(*s3.Options)) Option {
	return func(o *options) { o.s3Options = append(o.s3Options, fns...) }
}

// WithClock sets the clock of certificates' validity; the real one by default.
func WithClock(c clock.PassiveClock) Option { return func(o *options) { o.clock = c } }

// WithRand sets the source of certificate serial numbers and secrets;
// crypto/rand by default. (Go's key generation ignores it.)
func WithRand(r io.Reader) Option { return func(o *options) { o.rand = r } }

// WithVersion sets what kops-version.txt holds; "drydock VERSION" by default.
func WithVersion(v string) Option { return func(o *options) { o.version = v } }

// WithBackendWrapper wraps the store's backend, to observe or inject
// faults in tests.
func WithBackendWrapper(wrap func(Backend) Backend) Option { return func(o *options) { o.wrap = wrap } }

// Open opens the state store at url: "s3://BUCKET[/PREFIX]" or
// "file://DIR" (see the package documentation).
func Open(ctx context.Context, url string, opts ...Option) (*Store, error) {
	o := options{clock: clock.RealClock{}, rand: rand.Reader, version: defaultVersion()}
	for _, opt := range opts {
		opt(&o)
	}
	var b Backend
	switch {
	case strings.HasPrefix(url, "s3://"):
		bucket, prefix, _ := strings.Cut(strings.TrimPrefix(url, "s3://"), "/")
		if bucket == "" {
			return nil, fmt.Errorf("state store %s: no bucket; want s3://BUCKET/PREFIX", url)
		}
		if o.awsConfig == nil {
			return nil, fmt.Errorf("state store %s: no AWS configuration given (WithAWSConfig)", url)
		}
		if prefix = strings.Trim(prefix, "/"); prefix != "" {
			prefix += "/"
		}
		s3b, err := newS3Backend(ctx, *o.awsConfig, o.s3Options, bucket, prefix)
		if err != nil {
			return nil, err
		}
		b, url = s3b, "s3://"+bucket+"/"+strings.TrimSuffix(prefix, "/")
		url = strings.TrimSuffix(url, "/")
	case strings.HasPrefix(url, "file://"):
		dir := strings.TrimPrefix(url, "file://")
		if dir == "" {
			return nil, fmt.Errorf("state store %s: no directory; want file:///ABSOLUTE/DIR or file://RELATIVE/DIR", url)
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, fmt.Errorf("state store %s: %w", url, err)
		}
		fb, err := newFileBackend(abs)
		if err != nil {
			return nil, err
		}
		b, url = fb, "file://"+abs
	default:
		return nil, fmt.Errorf("state store %q: unsupported; use s3://BUCKET/PREFIX or file:///DIR", url)
	}
	if o.wrap != nil {
		b = o.wrap(b)
	}
	return &Store{url: url, b: b, clock: o.clock, rand: o.rand, version: o.version}, nil
}

// URL is the store's normalised URL (file:// URLs made absolute).
func (s *Store) URL() string { return s.url }

// Backend returns the store's backend, for tools that read raw objects.
func (s *Store) Backend() Backend { return s.b }

// defaultVersion is "drydock VERSION", the first two words of the
// version line.
func defaultVersion() string {
	f := strings.Fields(buildversion.String())
	if len(f) < 2 {
		return "drydock"
	}
	return f[0] + " " + f[1]
}
