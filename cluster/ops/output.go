package ops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// Output formats of the get verbs.
const (
	OutputTable = "table"
	OutputYAML  = "yaml"
	OutputJSON  = "json"
)

// CheckOutput refuses an unknown -o value.
func CheckOutput(format string, allowed ...string) error {
	if slices.Contains(allowed, format) {
		return nil
	}
	return fmt.Errorf("output format %q: use one of %s", format, strings.Join(allowed, ", "))
}

// WriteObjects writes objects (Clusters, InstanceGroups) as kOps does: YAML
// documents separated by "---", or indented JSON objects likewise separated.
func WriteObjects(w io.Writer, format string, objs ...any) error {
	switch format {
	case OutputYAML:
		b, err := api.MarshalYAML(objs...)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case OutputJSON:
		var buf bytes.Buffer
		for i, o := range objs {
			b, err := json.MarshalIndent(o, "", "  ")
			if err != nil {
				return err
			}
			if i > 0 {
				buf.WriteString("\n---\n\n")
			}
			buf.Write(b)
			buf.WriteByte('\n')
		}
		_, err := w.Write(buf.Bytes())
		return err
	}
	return CheckOutput(format, OutputYAML, OutputJSON)
}

// ManifestObjects are the Cluster then each InstanceGroup of m.
func ManifestObjects(m *api.Manifest) []any {
	var objs []any
	if m.Cluster != nil {
		objs = append(objs, m.Cluster)
	}
	for _, ig := range m.InstanceGroups {
		objs = append(objs, ig)
	}
	for _, o := range m.Others {
		objs = append(objs, o)
	}
	return objs
}

// WriteClusterTable writes NAME CLOUD ZONES, one line per cluster.
func WriteClusterTable(w io.Writer, clusters []*api.Cluster) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "NAME\tCLOUD\tZONES")
	for _, c := range clusters {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Name(), c.Spec.CloudProvider, strings.Join(clusterZones(c), ","))
	}
	return tw.Flush()
}

// WriteGroupTable writes NAME ROLE MACHINETYPE MIN MAX ZONES, one line per
// instance group of c.
func WriteGroupTable(w io.Writer, c *api.Cluster, groups []*api.InstanceGroup) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "NAME\tROLE\tMACHINETYPE\tMIN\tMAX\tZONES")
	for _, ig := range groups {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", ig.Name(), displayRole(ig.Spec.Role), ig.Spec.MachineType,
			intText(ig.Spec.MinSize), intText(ig.Spec.MaxSize), strings.Join(groupZones(c, ig), ","))
	}
	return tw.Flush()
}

func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 8, 1, '\t', 0) }

// displayRole is the role as kOps prints it: the control plane is
// ControlPlane even though v1alpha2 stores Master.
func displayRole(role string) string {
	if role == api.RoleMaster {
		return api.RoleControlPlane
	}
	return role
}

func intText(v *int32) string {
	if v == nil {
		return "-"
	}
	return strconv.Itoa(int(*v))
}

// clusterZones are the zones of the cluster's subnets, sorted, once each.
func clusterZones(c *api.Cluster) []string {
	var zones []string
	for _, s := range c.Spec.Subnets {
		if s.Zone != "" && !slices.Contains(zones, s.Zone) {
			zones = append(zones, s.Zone)
		}
	}
	slices.Sort(zones)
	return zones
}

// groupZones are the zones of the group's subnets, sorted, once each.
func groupZones(c *api.Cluster, ig *api.InstanceGroup) []string {
	var zones []string
	for _, name := range ig.Spec.Subnets {
		zone := name // a subnet drydock does not know: show its name
		if c != nil {
			if s := c.Spec.Subnet(name); s != nil && s.Zone != "" {
				zone = s.Zone
			}
		}
		if !slices.Contains(zones, zone) {
			zones = append(zones, zone)
		}
	}
	slices.Sort(zones)
	return zones
}
