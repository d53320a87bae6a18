// random model file (seed 0, #15), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_15 {
	Layer L0 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 1, C: 16, R: 5, S: 3, Y: 29, X: 27 }
	}
	Layer L1 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, K: 96, C: 8, R: 3, S: 3, Y: 6, X: 5 }
	}
	Layer L2 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, K: 4, C: 8, R: 1, S: 1, Y: 27, X: 3 }
	}
	Layer L3 {
		Type: DSCONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 3, K: 1, C: 3, R: 1, S: 1, Y: 2, X: 3 }
	}
}
