package bootstrap

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// label is a node label.
type label struct{ key, value string }

func (l label) String() string { return l.key + "=" + l.value }

var (
	labelName   = `[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?`
	labelKey    = regexp.MustCompile(`^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?` + labelName + `$`)
	labelValue  = regexp.MustCompile(`^(` + labelName + `)?$`)
	taintEffect = []string{"NoSchedule", "PreferNoSchedule", "NoExecute"}
)

// controlPlaneTaint keeps workloads off control planes, as kubeadm does.
var controlPlaneTaint = taint{key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule"}

// nodeLabels checks the instance group's node labels and returns them
// sorted by key.
func nodeLabels(m map[string]string) ([]label, error) {
	labels := make([]label, 0, len(m))
	for k, v := range m {
		if !labelKey.MatchString(k) || !labelValue.MatchString(v) {
			return nil, fmt.Errorf("spec.nodeLabels: %q=%q is not a valid Kubernetes label", k, v)
		}
		labels = append(labels, label{k, v})
	}
	slices.SortFunc(labels, func(a, b label) int { return strings.Compare(a.key, b.key) })
	return labels, nil
}

// kubeletLabels are the labels in the kubernetes.io and k8s.io namespaces
// a kubelet may set on its own node (--node-labels); it refuses to start
// with any other label of those namespaces.
var kubeletLabels = []string{
	"beta.kubernetes.io/arch",
	"beta.kubernetes.io/instance-type",
	"beta.kubernetes.io/os",
	"failure-domain.beta.kubernetes.io/region",
	"failure-domain.beta.kubernetes.io/zone",
	"kubernetes.io/arch",
	"kubernetes.io/hostname",
	"kubernetes.io/os",
	"node.kubernetes.io/instance-type",
	"topology.kubernetes.io/region",
	"topology.kubernetes.io/zone",
}

// kubeletMaySet reports whether a kubelet may set the label key on its own
// node, as the kubelet's --node-labels validation decides.
func kubeletMaySet(key string) bool {
	ns, _, ok := strings.Cut(key, "/")
	if !ok {
		return true
	}
	inNamespace := func(ns, domain string) bool { return ns == domain || strings.HasSuffix(ns, "."+domain) }
	if !inNamespace(ns, "kubernetes.io") && !inNamespace(ns, "k8s.io") {
		return true
	}
	return slices.Contains(kubeletLabels, key) ||
		inNamespace(ns, "kubelet.kubernetes.io") || inNamespace(ns, "node.kubernetes.io")
}

// taint is a node taint.
type taint struct{ key, value, effect string }

func (t taint) String() string {
	if t.value == "" {
		return t.key + ":" + t.effect
	}
	return t.key + "=" + t.value + ":" + t.effect
}

// parseTaints reads kOps' taints, "key=value:Effect" or "key:Effect".
func parseTaints(specs []string) ([]taint, error) {
	var taints []taint
	for _, s := range specs {
		kv, effect, ok := strings.Cut(s, ":")
		key, value, _ := strings.Cut(kv, "=")
		if !ok || !slices.Contains(taintEffect, effect) || !labelKey.MatchString(key) || !labelValue.MatchString(value) {
			return nil, fmt.Errorf("spec.taints: %q is not KEY[=VALUE]:EFFECT with EFFECT one of %s", s, strings.Join(taintEffect, ", "))
		}
		taints = append(taints, taint{key, value, effect})
	}
	return taints, nil
}

// withControlPlaneTaint adds the control-plane taint, first, unless the
// group has a taint of that key and effect already.
func withControlPlaneTaint(taints []taint) []taint {
	for _, t := range taints {
		if t.key == controlPlaneTaint.key && t.effect == controlPlaneTaint.effect {
			return taints
		}
	}
	return append([]taint{controlPlaneTaint}, taints...)
}
