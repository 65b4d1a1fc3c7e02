// Package app builds drydock's command tree.
package app

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/drydock-sandbox/drydock/cmd/drydock/app/aws"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/create"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/delete"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/edit"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/get"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/replace"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/sandbox"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/update"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/version"
	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/spf13/cobra"
)

// Streams are the command's standard streams, injected for tests.
type Streams = cli.Streams

// Main runs drydock with the process's arguments and exits.
func Main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := Run(ctx, os.Args[1:], Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
	stop()
	if err != nil {
		os.Exit(1)
	}
}

// Run runs drydock with args; errors are printed to streams.Err.
func Run(ctx context.Context, args []string, streams Streams) error {
	cmd := NewCommand(streams)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintln(streams.Err, "Error:", err)
	}
	return err
}

// NewCommand returns the root command.
func NewCommand(streams Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "drydock",
		Short: "Rehearse a kOps-style Kubernetes cluster on AWS, locally and for free",
		Long: `drydock rehearses the production lifecycle of a Kubernetes cluster on AWS
(create, update, rolling-update, upgrade, HA, zone failure, delete) the way
kOps runs it, against fakeaws: a wire-compatible AWS on loopback.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.SetIn(streams.In)
	cmd.SetOut(streams.Out)
	cmd.SetErr(streams.Err)
	cmd.AddCommand(version.NewCommand(streams))
	cmd.AddCommand(aws.NewCommand(streams))
	cmd.AddCommand(sandbox.NewCommand(streams))
	cmd.AddCommand(create.NewCommand(streams))
	cmd.AddCommand(replace.NewCommand(streams))
	cmd.AddCommand(get.NewCommand(streams))
	cmd.AddCommand(edit.NewCommand(streams))
	cmd.AddCommand(update.NewCommand(streams))
	cmd.AddCommand(delete.NewCommand(streams))
	return cmd
}
