// random model file (seed 0, #12), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_12 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, K: 16, C: 1, R: 7, S: 1, Y: 30, X: 15 }
	}
	Layer L1 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, K: 1, C: 64, R: 3, S: 3, Y: 4, X: 36 }
	}
	Layer L2 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 1, C: 1, R: 7, S: 7, Y: 20, X: 16 }
	}
	Layer L3 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, K: 32, C: 16, R: 3, S: 3, Y: 12, X: 39 }
	}
	Layer L4 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, K: 8, C: 16, R: 7, S: 7, Y: 38, X: 19 }
	}
}
