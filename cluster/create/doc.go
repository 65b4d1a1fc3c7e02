// Package create builds the Cluster and InstanceGroup manifests of a new
// cluster from the options of `kops create cluster`, defaulting them as
// kOps does: subnets carved from the network CIDR, one control-plane group
// per control-plane zone with etcd members on them, node groups per zone,
// the API behind a Network load balancer, and so on.
package create
