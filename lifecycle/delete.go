package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/providers"
)

// DeleteCluster is `delete cluster NAME [--yes]`: it lists the cluster's
// cloud resources (found by their tags) and its state, and with yes
// deletes the resources in dependency order, then the state.
func DeleteCluster(ctx context.Context, store *statestore.Store, p providers.Provider, name string, yes bool, out io.Writer) error {
	if name == "" {
		return errors.New("name the cluster: delete cluster NAME, --name NAME, or $KOPS_CLUSTER_NAME")
	}
	_, _, _, err := store.GetCluster(ctx, name)
	inStore := err == nil
	if err != nil && !errors.Is(err, statestore.ErrNotFound) {
		return err
	}
	resources, err := p.FindResources(ctx, name)
	if err != nil {
		return fmt.Errorf("find the resources of cluster %s: %w", name, err)
	}
	if !inStore && len(resources) == 0 {
		return fmt.Errorf("cluster %q not found in %s, and no cloud resources are tagged as its", name, store.URL())
	}
	if len(resources) > 0 {
		tw := tabwriter.NewWriter(out, 0, 8, 1, '\t', 0)
		fmt.Fprintln(tw, "TYPE\tNAME\tID")
		for _, r := range resources {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Type, r.Name, r.ID)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(out)
	}
	if !yes {
		if inStore {
			fmt.Fprintf(out, "and the cluster's state in %s/%s\n\n", store.URL(), name)
		}
		fmt.Fprintln(out, "Must specify --yes to delete cluster")
		return nil
	}
	if len(resources) > 0 {
		if err := p.DeleteResources(ctx, resources); err != nil {
			return fmt.Errorf("delete cluster %s: %w (run delete cluster --yes again to finish)", name, err)
		}
	}
	if inStore {
		if err := store.DeleteCluster(ctx, name); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "Deleted cluster: %q\n", name)
	return nil
}
