package fakeaws

import (
	"log/slog"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/ec2"
	"k8s.io/utils/clock"
)

// Default credentials and account, the ones every local AWS uses.
const (
	DefaultAccessKey = "test"
	DefaultSecret    = "test"
	DefaultAccount   = "123456789012"
	DefaultRegion    = "us-east-1"
)

// AccessKey is a long-term key pair of an account.
type AccessKey struct {
	ID      string `json:"accessKeyId"`
	Secret  string `json:"secretAccessKey"`
	Account string `json:"account"`
}

type options struct {
	dataDir        string
	fsync          bool
	auth           bool
	keys           []AccessKey
	defaultAccount string
	clock          clock.Clock
	seed           uint64
	logger         *slog.Logger
	maxBody        int64
	maxObjectBody  int64
	s3Hosts        []string
	ec2            *ec2.Config
	speed          float64
	manualSettle   bool
	runtime        compute.Runtime
}

// Option configures a Server.
type Option func(*options)

// WithDataDir keeps state in dir; without it, state lives in a temporary
// directory removed at Close.
func WithDataDir(dir string) Option { return func(o *options) { o.dataDir = dir } }

// WithFsync makes every commit durable against an OS crash.
func WithFsync(on bool) Option { return func(o *options) { o.fsync = on } }

// WithAuth turns signature verification on (the default) or off. With it
// off any signature, or none, is accepted; the access key still selects the
// account when it is known.
func WithAuth(on bool) Option { return func(o *options) { o.auth = on } }

// WithAccessKeys adds long-term keys. Keys whose Account is empty belong
// to the default account.
func WithAccessKeys(keys ...AccessKey) Option {
	return func(o *options) { o.keys = append(o.keys, keys...) }
}

// WithDefaultAccount sets the account of the default test/test key and of
// unsigned requests when auth is off.
func WithDefaultAccount(id string) Option { return func(o *options) { o.defaultAccount = id } }

// WithClock sets the clock; tests pass a fake one.
func WithClock(c clock.Clock) Option { return func(o *options) { o.clock = c } }

// WithSeed makes generated IDs deterministic, for tests. A server
// restarted with the same seed draws the same IDs again, so tests that
// restart should not create resources after the restart with a seed.
func WithSeed(seed uint64) Option { return func(o *options) { o.seed = seed } }

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithMaxBodySize limits request bodies of the query protocols and S3's
// non-object requests (default 10 MiB).
func WithMaxBodySize(n int64) Option { return func(o *options) { o.maxBody = n } }

// WithMaxObjectSize limits one S3 object or part upload (default 5 GiB, as AWS).
func WithMaxObjectSize(n int64) Option { return func(o *options) { o.maxObjectBody = n } }

// WithS3VirtualHosts adds host names under which BUCKET.HOST addresses a
// bucket virtual-host style (s3.amazonaws.com and localhost are built in).
func WithS3VirtualHosts(hosts ...string) Option {
	return func(o *options) { o.s3Hosts = append(o.s3Hosts, hosts...) }
}

// WithEC2Config tunes EC2: NAT gateway delays, VPC and Elastic IP quotas.
// Its delays are taken as given, not scaled by WithSpeed.
func WithEC2Config(cfg ec2.Config) Option { return func(o *options) { o.ec2 = &cfg } }

// WithSpeed scales every AWS-like delay (instance boot, NAT gateway and
// load balancer provisioning, Route53 propagation, draining) by 1/speed:
// 1 is real time, 10 ten times faster, 0 makes every transition immediate.
func WithSpeed(speed float64) Option { return func(o *options) { o.speed = speed } }

// WithRuntime sets the node runtime that brings EC2 instances to life
// (default compute.Nop: instances are states on the clock).
func WithRuntime(r compute.Runtime) Option { return func(o *options) { o.runtime = r } }

// scale is d at the configured speed.
func (o *options) scale(d time.Duration) time.Duration {
	if o.speed <= 0 {
		return 0
	}
	return time.Duration(float64(d) / o.speed)
}

// WithManualSettle keeps Start from running the background loops (Auto
// Scaling's reconciler, ELBv2's health checks): the caller runs them with
// Settle, after each step of a fake clock, so that a run is deterministic.
func WithManualSettle() Option { return func(o *options) { o.manualSettle = true } }
