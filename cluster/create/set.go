package create

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/internal/docpath"
)

// applySets applies the --set assignments to the cluster, then what kOps
// derives from them (Calico's eBPF data plane replaces kube-proxy).
func (b *builder) applySets(context.Context) error {
	for _, s := range b.opts.Sets {
		if err := Set(b.cluster, s); err != nil {
			return err
		}
	}
	if calico, ok := b.cluster.Spec.Networking["calico"]; ok && calico["bpfEnabled"] == true {
		if b.cluster.Spec.KubeProxy == nil {
			b.cluster.Spec.KubeProxy = api.Object{}
		}
		b.cluster.Spec.KubeProxy["enabled"] = false
	}
	return nil
}

// Set applies one --set assignment, "cluster.spec.PATH=VALUE", to c. PATH
// is dotted field names with [N] list indices ("spec.addons[0].manifest");
// missing objects are created, and an index one past the end appends. The
// value is read as a boolean or an integer when it is one and the field
// takes it, else as a string.
func Set(c *api.Cluster, assignment string) error {
	path, value, ok := strings.Cut(assignment, "=")
	if !ok {
		return fmt.Errorf("set %q: want cluster.spec.FIELD=VALUE", assignment)
	}
	path = strings.TrimPrefix(path, "cluster.")
	if !strings.HasPrefix(path, "spec.") {
		return fmt.Errorf("set %q: only cluster.spec fields can be set", assignment)
	}
	steps, err := docpath.Parse(path)
	if err != nil {
		return fmt.Errorf("set %q: %w", assignment, err)
	}
	var candidates []any
	if typed, ok := scalar(value); ok {
		candidates = append(candidates, typed)
	}
	candidates = append(candidates, value)
	var lastErr error
	var lastDoc []byte
	for _, v := range candidates {
		doc, err := toMap(c)
		if err != nil {
			return err
		}
		if doc, err = docpath.Assign(doc, steps, v); err != nil {
			return fmt.Errorf("set %q: %w", assignment, err)
		}
		b, err := json.Marshal(doc)
		if err != nil {
			return err
		}
		var out api.Cluster
		if lastErr = json.Unmarshal(b, &out); lastErr == nil {
			*c = out
			return nil
		}
		lastDoc = b
	}
	if field, msg := api.DescribeDecodeError(lastDoc, lastErr); field != "" {
		return fmt.Errorf("set %q: %s: %s", assignment, field, msg)
	}
	return fmt.Errorf("set %q: %w", assignment, lastErr)
}

// scalar reads a boolean or an integer.
func scalar(s string) (any, bool) {
	if b, err := strconv.ParseBool(s); err == nil && (s == "true" || s == "false") {
		return b, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	return nil, false
}

// toMap returns c as generic JSON, numbers kept exact.
func toMap(c *api.Cluster) (any, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	return doc, dec.Decode(&doc)
}
