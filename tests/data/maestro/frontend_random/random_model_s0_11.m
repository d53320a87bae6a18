// random model file (seed 0, #11), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_11 {
	Layer L0 {
		Type: DSCONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 3, K: 1, C: 64, R: 1, S: 1, Y: 10, X: 11 }
	}
	Layer L1 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { G: 2, K: 2, C: 2, R: 1, S: 1, Y: 15, X: 4 }
	}
}
