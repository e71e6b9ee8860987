// Clustering metrics (ARI, NMI, ACC, purity, used clusters, confusion matrix).
export {};
