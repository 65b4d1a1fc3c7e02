// Package bootstrap makes the cloud-init user data that brings a node of a
// kOps-shaped cluster up with kubeadm on a stock Ubuntu 24.04 image, and
// reads back the node description it carries.
//
// UserData writes a #cloud-config document. Its write_files hold:
//
//	/etc/drydock/node.yaml             the node description (Node): cluster,
//	                                   group, role, version, API endpoint;
//	                                   no secrets; what runtimes read (ParseNode)
//	/etc/drydock/kubeadm-init.yaml     control planes: InitConfiguration and
//	                                   ClusterConfiguration (0600)
//	/etc/drydock/kubeadm-join.yaml     JoinConfiguration (0600)
//	/etc/kubernetes/pki/ca.{crt,key}   control planes: the cluster's CA from
//	                                   the state store, used by kubeadm init
//	/etc/modules-load.d, /etc/sysctl.d what containerd networking needs
//	/usr/local/sbin/drydock-install    installs containerd and kubelet,
//	                                   kubeadm, kubectl from pkgs.k8s.io
//	/usr/local/sbin/drydock-kubeadm    kubeadm init or join
//
// and its runcmd runs the two scripts in turn. Bastions get the node
// description only. The install script does nothing when containerd and
// the right kubeadm are present already (a kind node image), so the kind
// runtime can execute the same runcmd.
//
// Which control plane runs kubeadm init: the instance group of the main
// etcd cluster's members whose name sorts first (NodeConfig.InitGroup
// overrides it). Its machine runs kubeadm init --upload-certs when the API
// endpoint does not answer, and joins as a control plane when it does (a
// replacement). Every other control plane waits for the endpoint and joins
// with the certificate key; kOps gives each control-plane group one
// machine, and the init group must have one, or two of its machines may
// each initialise a cluster. Every control plane re-uploads the
// certificates hourly (kubeadm deletes them after two hours) so that a
// control plane replaced later can still join. Workers wait for the
// endpoint and join with the bootstrap token and the CA's hash.
//
// Secrets (the bootstrap token, the certificate key, the CA key) appear
// only in the 0600 kubeadm configuration files and the CA key file, never
// on a command line; kubeadm's output, which repeats them, goes to
// /var/log/drydock-kubeadm.log (0600) rather than to the console, which
// EC2 lets anyone with ec2:GetConsoleOutput read. The bootstrap token does
// not expire, so that autoscaling can add nodes at any time.
//
// Node labels that a kubelet may not set on itself (those in the
// kubernetes.io and k8s.io namespaces, such as kops.k8s.io/instancegroup)
// are put on control planes with kubectl once they have joined; on other
// nodes they are only recorded in the node description, for the runtime or
// a controller to apply, as kOps' kops-controller does.
//
// The output depends on the inputs only, byte for byte, so a driver can
// compare launch templates by their user data.
package bootstrap
