// Package serve is `drydock aws serve`.
package serve

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/spf13/cobra"
	"sigs.k8s.io/yaml"
)

type flagpole struct {
	Addr      string
	DataDir   string
	InMemory  bool
	Fsync     bool
	Auth      string
	AccountID string
	Keys      []string
	Config    string
	DNSAddr   string
	Speed     float64
}

// NewCommand returns `drydock aws serve`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve fakeaws on loopback (STS, IAM, S3) and print the environment to use it",
		Long: `Serve fakeaws, a wire-compatible AWS, on one loopback address for every
service. Point the AWS CLI, Terraform, boto3 or the Go SDK at it with
AWS_ENDPOINT_URL. State is kept in --data-dir and survives restarts.`,
		Example: `  drydock aws serve
  aws s3 mb s3://my-bucket`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runE(cmd, streams, flags)
		},
	}
	f := cmd.Flags()
	f.StringVar(&flags.Addr, "addr", "127.0.0.1:4566", "address to listen on (host:port; port 0 picks a free one)")
	f.StringVar(&flags.DataDir, "data-dir", "", "directory for state (default $DRYDOCK_HOME/fakeaws, ~/.drydock/fakeaws)")
	f.BoolVar(&flags.InMemory, "in-memory", false, "keep no state across restarts")
	f.BoolVar(&flags.Fsync, "fsync", false, "sync every commit to disk (survives an OS crash, slower)")
	f.StringVar(&flags.Auth, "auth", "on", "verify SigV4 signatures: on|off")
	f.StringVar(&flags.AccountID, "account-id", fakeaws.DefaultAccount, "account of the default test/test key")
	f.StringArrayVar(&flags.Keys, "access-key", nil, "extra access key ID:SECRET[:ACCOUNT] (repeatable)")
	f.StringVar(&flags.Config, "config", "", "YAML or JSON file with more accounts and keys")
	f.StringVar(&flags.DNSAddr, "dns-addr", "", "also serve Route53 hosted zones as DNS on this address (UDP and TCP, e.g. 127.0.0.1:5353)")
	f.Float64Var(&flags.Speed, "speed", 1, "scale AWS-like delays (instance boot, NAT gateways, Route53 changes) by 1/speed; 0 makes them immediate")
	return cmd
}

// config is the --config file.
type config struct {
	Accounts []struct {
		ID         string              `json:"id"`
		AccessKeys []fakeaws.AccessKey `json:"accessKeys"`
	} `json:"accounts"`
}

func options(flags *flagpole) ([]fakeaws.Option, string, error) {
	var opts []fakeaws.Option
	switch flags.Auth {
	case "on":
		opts = append(opts, fakeaws.WithAuth(true))
	case "off":
		opts = append(opts, fakeaws.WithAuth(false))
	default:
		return nil, "", fmt.Errorf("--auth %q: use on or off", flags.Auth)
	}
	if flags.Speed < 0 {
		return nil, "", fmt.Errorf("--speed %v: use 0 (immediate), 1 (real time) or more (faster)", flags.Speed)
	}
	opts = append(opts, fakeaws.WithDefaultAccount(flags.AccountID), fakeaws.WithFsync(flags.Fsync), fakeaws.WithSpeed(flags.Speed))
	dir := flags.DataDir
	if flags.InMemory {
		if dir != "" {
			return nil, "", fmt.Errorf("--in-memory and --data-dir exclude each other: pick one")
		}
	} else {
		if dir == "" {
			home, err := drydockHome()
			if err != nil {
				return nil, "", err
			}
			dir = filepath.Join(home, "fakeaws")
		}
		opts = append(opts, fakeaws.WithDataDir(dir))
	}
	for _, k := range flags.Keys {
		parts := strings.Split(k, ":")
		if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" {
			return nil, "", fmt.Errorf("--access-key %q: use ID:SECRET or ID:SECRET:ACCOUNT", k)
		}
		key := fakeaws.AccessKey{ID: parts[0], Secret: parts[1]}
		if len(parts) == 3 {
			key.Account = parts[2]
		}
		opts = append(opts, fakeaws.WithAccessKeys(key))
	}
	if flags.Config != "" {
		raw, err := os.ReadFile(flags.Config)
		if err != nil {
			return nil, "", fmt.Errorf("--config: %w", err)
		}
		var c config
		if err := yaml.UnmarshalStrict(raw, &c); err != nil {
			return nil, "", fmt.Errorf("--config %s: %w", flags.Config, err)
		}
		for _, a := range c.Accounts {
			for _, k := range a.AccessKeys {
				if k.Account == "" {
					k.Account = a.ID
				}
				opts = append(opts, fakeaws.WithAccessKeys(k))
			}
		}
	}
	return opts, dir, nil
}

func drydockHome() (string, error) {
	if h := os.Getenv("DRYDOCK_HOME"); h != "" {
		return h, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home directory to keep state in; set DRYDOCK_HOME or pass --data-dir: %w", err)
	}
	return filepath.Join(home, ".drydock"), nil
}

func runE(cmd *cobra.Command, streams cli.Streams, flags *flagpole) error {
	opts, dir, err := options(flags)
	if err != nil {
		return err
	}
	srv, err := fakeaws.New(opts...)
	if err != nil {
		return err
	}
	defer func() { _ = srv.Close() }()
	ln, err := net.Listen("tcp", flags.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another fakeaws running? pick another --addr)", flags.Addr, err)
	}
	endpoint := "http://" + ln.Addr().String()
	if flags.DNSAddr != "" {
		dl, err := srv.ListenDNS(flags.DNSAddr)
		if err != nil {
			_ = ln.Close()
			return fmt.Errorf("--dns-addr %s: %w (pick another address)", flags.DNSAddr, err)
		}
		go func() { _ = dl.Serve(cmd.Context()) }()
		fmt.Fprintf(streams.Err, "Route53 zones answer DNS on %s (udp and tcp): dig @%s -p %s NAME\n", dl.Addr(), hostOf(dl.Addr()), portOf(dl.Addr()))
	}
	state := "in memory (lost at exit)"
	if dir != "" {
		state = dir
	}
	fmt.Fprintf(streams.Err, "fakeaws serving %s on %s (auth %s, state %s)\n", strings.Join(srv.Services(), ", "), endpoint, flags.Auth, state)
	fmt.Fprintf(streams.Err, "Use it from another shell with:\n")
	fmt.Fprintf(streams.Out, "export AWS_ENDPOINT_URL=%s\n", endpoint)
	fmt.Fprintf(streams.Out, "export AWS_ACCESS_KEY_ID=%s\n", fakeaws.DefaultAccessKey)
	fmt.Fprintf(streams.Out, "export AWS_SECRET_ACCESS_KEY=%s\n", fakeaws.DefaultSecret)
	fmt.Fprintf(streams.Out, "export AWS_REGION=%s\n", fakeaws.DefaultRegion)
	fmt.Fprintf(streams.Out, "export AWS_DEFAULT_REGION=%s\n", fakeaws.DefaultRegion)
	if err := fakeaws.Serve(cmd.Context(), srv, ln); err != nil {
		return err
	}
	fmt.Fprintln(streams.Err, "fakeaws stopped")
	return nil
}

func hostOf(addr string) string {
	h, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return h
}

func portOf(addr string) string {
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	return p
}
