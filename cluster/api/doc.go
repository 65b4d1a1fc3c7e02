// Package api holds the kops.k8s.io/v1alpha2 Cluster and InstanceGroup
// types for AWS and reads and writes them as kOps does (YAML or JSON, one
// or many documents separated by "---").
//
// Every struct models the fields drydock rehearses and keeps every other
// member of its JSON object verbatim in an Extra map, so that reading then
// writing a manifest gives back every field unchanged. Fields kOps defines
// but drydock does not rehearse (kubelet, kubeAPIServer, …) are typed as
// opaque Objects. Unmodelled lists both kinds, so a user is told which
// parts of the spec a rehearsal does not cover.
package api
