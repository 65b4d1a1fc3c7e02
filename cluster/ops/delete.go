package ops

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// DeleteCluster is `delete cluster NAME [--yes]`, for the state store: it
// lists what it would delete, and with yes deletes it. Cloud resources are
// not deleted yet.
func DeleteCluster(ctx context.Context, store *statestore.Store, name string, yes bool, out, log io.Writer) error {
	if name == "" {
		return errNoClusterName
	}
	_, igs, _, err := store.GetCluster(ctx, name)
	if err != nil {
		return err
	}
	if !yes {
		tw := tabwriter.NewWriter(out, 0, 8, 1, '\t', 0)
		fmt.Fprintln(tw, "TYPE\tNAME\tID")
		fmt.Fprintf(tw, "Cluster\t%s\t%s/%s\n", name, store.URL(), name)
		for _, ig := range igs {
			fmt.Fprintf(tw, "InstanceGroup\t%s\t%s/%s/instancegroup/%s\n", ig.Name(), store.URL(), name, ig.Name())
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(out)
		fmt.Fprintln(out, "Must specify --yes to delete cluster")
		return nil
	}
	if err := store.DeleteCluster(ctx, name); err != nil {
		return err
	}
	fmt.Fprintf(out, "Deleted cluster: %q\n", name)
	fmt.Fprintln(log, "Only the state store was cleaned: drydock does not delete cloud resources yet.")
	return nil
}
