package create

import (
	"context"
	"fmt"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// clusterSpec fills in the cluster-wide fields.
func (b *builder) clusterSpec(context.Context) error {
	o := &b.opts
	labels, err := parseCloudLabels(o.CloudLabels)
	if err != nil {
		return err
	}
	version := orDefault(strings.TrimSpace(o.KubernetesVersion), DefaultKubernetesVersion)
	if _, err := api.ParseKubernetesVersion(version); err != nil {
		return fmt.Errorf("kubernetes version: %w", err)
	}
	admin := o.AdminAccess
	if len(admin) == 0 {
		admin = []string{"0.0.0.0/0", "::/0"}
	}
	ssh := o.SSHAccess
	if len(ssh) == 0 {
		ssh = admin
	}
	yes, no := true, false
	spec := api.ClusterSpec{
		Channel:             orDefault(o.Channel, "stable"),
		CloudProvider:       api.CloudProviderAWS,
		KubernetesVersion:   version,
		KubernetesAPIAccess: admin,
		SSHAccess:           ssh,
		NonMasqueradeCIDR:   "100.64.0.0/10",
		DNSZone:             o.DNSZone,
		CloudLabels:         labels,
		Authorization:       api.Object{"rbac": map[string]any{}},
		IAM:                 &api.IAM{AllowContainerRegistry: &yes, Legacy: &no},
		Kubelet:             api.Object{"anonymousAuth": false},
	}
	if o.StateStore != "" {
		spec.ConfigBase = strings.TrimSuffix(o.StateStore, "/") + "/" + o.ClusterName
	}
	if o.IPv6 {
		spec.NonMasqueradeCIDR = "::/0"
		spec.CloudControllerManager = api.Object{}
	}
	if err := b.networking(&spec); err != nil {
		return err
	}
	if err := b.dnsAndAPI(&spec); err != nil {
		return err
	}
	b.cluster = &api.Cluster{
		APIVersion: api.APIVersion,
		Kind:       api.KindCluster,
		Metadata:   api.ObjectMeta{Name: o.ClusterName, CreationTimestamp: api.NewTime(b.clock.Now())},
		Spec:       spec,
	}
	return nil
}

// networking sets spec.networking (and turns kube-proxy off where the CNI
// replaces it).
func (b *builder) networking(spec *api.ClusterSpec) error {
	name := strings.ToLower(b.opts.Networking)
	provider, settings := "", api.Object{}
	switch name {
	case "", "cilium", "cilium-eni":
		provider = "cilium"
		settings["enableNodePort"] = true
		if name == "cilium-eni" {
			settings["ipam"] = "eni"
		}
		spec.KubeProxy = api.Object{"enabled": false}
	case "flannel", "flannel-vxlan":
		provider, settings["backend"] = "flannel", "vxlan"
	case "flannel-udp":
		provider, settings["backend"] = "flannel", "udp"
	case "amazonvpc", "amazon-vpc-routed-eni":
		provider = "amazonvpc"
	case "kopeio-vxlan", "kopeio":
		provider = "kopeio"
	case "kube-router":
		provider = "kuberouter"
	case "calico", "canal", "kindnet", "cni", "kubenet", "external", "gcp":
		provider = name
	default:
		return fmt.Errorf("networking %q is not one drydock knows: use cilium, cilium-eni, calico, canal, "+
			"flannel, amazonvpc, kindnet, kopeio, kube-router, kubenet, external or cni", b.opts.Networking)
	}
	spec.Networking = api.Networking{provider: settings}
	return nil
}

// dnsAndAPI sets spec.topology.dns, the API endpoint and the public names.
func (b *builder) dnsAndAPI(spec *api.ClusterSpec) error {
	o := &b.opts
	dns := api.DNSNone
	switch strings.ToLower(o.DNSType) {
	case "":
		if o.DNSZone != "" {
			dns = api.DNSPublic
		}
	case "public":
		dns = api.DNSPublic
	case "private":
		dns = api.DNSPrivate
	case "none":
	default:
		return fmt.Errorf("dns %q: use public, private or none", o.DNSType)
	}
	spec.Topology = &api.Topology{DNS: &api.DNSTopology{Type: dns}}
	if dns != api.DNSNone {
		spec.MasterPublicName = "api." + o.ClusterName
	}

	spec.API = &api.API{}
	lbType := ""
	switch strings.ToLower(o.APILoadBalancerType) {
	case "", "public":
		lbType = api.LoadBalancerPublic
	case "internal":
		lbType = api.LoadBalancerInternal
	default:
		return fmt.Errorf("api load balancer type %q: use public or internal", o.APILoadBalancerType)
	}
	// A load balancer when asked for, when there is no DNS to publish the
	// control planes in, or when they sit in private subnets.
	if o.APILoadBalancerType != "" || dns == api.DNSNone || o.Topology == "private" {
		spec.API.LoadBalancer = &api.LoadBalancer{Type: lbType, Class: api.LoadBalancerNetwork}
	} else {
		spec.API.DNS = &api.APIDNS{}
	}
	return nil
}

// features applies the feature gates, IRSA and Karpenter options.
func (b *builder) features(context.Context) error {
	o, spec := &b.opts, &b.cluster.Spec
	if len(o.KubernetesFeatureGates) > 0 {
		for _, obj := range []*api.Object{&spec.Kubelet, &spec.KubeAPIServer, &spec.KubeControllerManager, &spec.KubeProxy, &spec.KubeScheduler} {
			if *obj == nil {
				*obj = api.Object{}
			}
			(*obj)["featureGates"] = featureGates(o.KubernetesFeatureGates)
		}
	}
	karpenter := strings.EqualFold(o.InstanceManager, "karpenter")
	if karpenter && o.DiscoveryStore == "" {
		return fmt.Errorf("karpenter needs IAM roles for service accounts: set a discovery store (--discovery-store)")
	}
	if o.DiscoveryStore != "" {
		if err := spec.Extra.Set("serviceAccountIssuerDiscovery", map[string]any{
			"discoveryStore":        strings.TrimSuffix(o.DiscoveryStore, "/") + "/" + o.ClusterName,
			"enableAWSOIDCProvider": true,
		}); err != nil {
			return err
		}
		if err := spec.IAM.Extra.Set("useServiceAccountExternalPermissions", true); err != nil {
			return err
		}
	}
	if karpenter {
		return spec.Extra.Set("karpenter", map[string]any{"enabled": true})
	}
	return nil
}

// featureGates reads "Gate" and "+Gate" as enabled, "-Gate" as disabled,
// into the map kOps writes (values "true" and "false").
func featureGates(list []string) map[string]any {
	gates := map[string]any{}
	for _, g := range list {
		if name, off := strings.CutPrefix(g, "-"); off {
			gates[name] = "false"
		} else {
			gates[strings.TrimPrefix(g, "+")] = "true"
		}
	}
	return gates
}

// parseCloudLabels reads "k1=v1, k2=\"v 2\"" into a map: pairs separated
// by commas, key and value by the first '=', leading blanks trimmed, values
// optionally double-quoted.
func parseCloudLabels(s string) (map[string]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	labels := map[string]string{}
	for _, pair := range splitOutsideQuotes(s, ',') {
		pair = strings.TrimLeft(pair, " \t")
		k, v, ok := strings.Cut(pair, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("cloud labels: %q is not key=value", pair)
		}
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = strings.ReplaceAll(v[1:len(v)-1], `""`, `"`)
		} else if strings.Contains(v, `"`) {
			return nil, fmt.Errorf("cloud labels: stray quote in %q", pair)
		}
		labels[k] = v
	}
	return labels, nil
}

func splitOutsideQuotes(s string, sep rune) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			cur.WriteRune(r)
		case r == sep && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	return append(parts, cur.String())
}
